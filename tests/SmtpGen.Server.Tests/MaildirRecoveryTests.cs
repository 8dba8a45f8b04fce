using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>Opening a Maildir store removes what a crash left of messages never acknowledged, and nothing else.</summary>
public sealed class MaildirRecoveryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smtpgen-recovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Opening_the_store_removes_the_files_a_crash_left_in_tmp_and_the_envelope_of_a_message_that_never_reached_new()
    {
        // What a kill -9 leaves at each point of a message's way, named as the writer names its files.
        Write("tmp/1.M1P9Q1.host", "Subject: cut short mid-DATA\r\n");
        Write("tmp/2.M2P9Q2.host", "Subject: killed before the envelope's rename\r\n\r\nbody\r\n");
        Write("tmp/2.M2P9Q2.host.envelope", "{\"session\":");
        Write("tmp/3.M3P9Q3.host", "Subject: killed between the two renames\r\n\r\nbody\r\n");
        Write("envelope/3.M3P9Q3.host.json", "{\"session\":\"3\"}");
        // Acknowledged: one still in new/, one a mail reader has moved into cur/.
        Write("new/4.M4P9Q4.host", "Subject: committed\r\n\r\nbody\r\n");
        Write("envelope/4.M4P9Q4.host.json", "{\"session\":\"4\"}");
        Write("cur/5.M5P9Q5.host:2,S", "Subject: read\r\n\r\nbody\r\n");
        Write("envelope/5.M5P9Q5.host.json", "{\"session\":\"5\"}");

        var log = new RecordingLoggerProvider();
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log)))
        {
            _ = new MaildirMessageStore(_directory, loggerFactory);
        }

        Assert.Empty(Files("tmp"));
        Assert.Equal(["4.M4P9Q4.host.json", "5.M5P9Q5.host.json"], Files("envelope"));
        Assert.Equal(["4.M4P9Q4.host"], Files("new"));
        Assert.Equal(["5.M5P9Q5.host:2,S"], Files("cur"));
        Assert.Equal("Subject: committed\r\n\r\nbody\r\n", Read("new/4.M4P9Q4.host"));
        Assert.Equal("{\"session\":\"4\"}", Read("envelope/4.M4P9Q4.host.json"));
        Assert.Equal("Subject: read\r\n\r\nbody\r\n", Read("cur/5.M5P9Q5.host:2,S"));
        Assert.Equal("{\"session\":\"5\"}", Read("envelope/5.M5P9Q5.host.json"));

        (LogLevel level, string message, _, _) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("removed 5 file(s)", message, StringComparison.Ordinal);
        foreach (string removed in (string[])["tmp/1.M1P9Q1.host", "tmp/2.M2P9Q2.host", "tmp/2.M2P9Q2.host.envelope", "tmp/3.M3P9Q3.host", "envelope/3.M3P9Q3.host.json"])
        {
            Assert.Contains(Path.Combine(_directory, removed), message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_copy_in_tmp_of_a_delivered_message_goes_and_the_delivered_messages_envelope_stays()
    {
        // A rename that copied and was cut before its delete, or one the file system did not order, leaves the same
        // name in tmp/ and in new/ or cur/: the envelope is the delivered message's.
        Write("new/6.M6P9Q6.host", "Subject: delivered\r\n");
        Write("tmp/6.M6P9Q6.host", "Subject: delivered\r\n");
        Write("envelope/6.M6P9Q6.host.json", "{\"session\":\"6\"}");
        Write("cur/7.M7P9Q7.host:2,S", "Subject: read\r\n");
        Write("tmp/7.M7P9Q7.host", "Subject: read\r\n");
        Write("envelope/7.M7P9Q7.host.json", "{\"session\":\"7\"}");
        // A longer name that starts with a delivered one is another message.
        Write("cur/8.M8P9Q8.host2:2,S", "Subject: another\r\n");
        Write("tmp/8.M8P9Q8.host", "Subject: never acknowledged\r\n");
        Write("envelope/8.M8P9Q8.host.json", "{\"session\":\"8\"}");

        using (var loggerFactory = LoggerFactory.Create(_ => { }))
        {
            _ = new MaildirMessageStore(_directory, loggerFactory);
        }

        Assert.Empty(Files("tmp"));
        Assert.Equal(["6.M6P9Q6.host.json", "7.M7P9Q7.host.json"], Files("envelope"));
    }

    [Fact]
    public void Opening_a_store_without_leftovers_removes_nothing_and_logs_nothing()
    {
        Write("new/4.M4P9Q4.host", "Subject: committed\r\n");
        Write("envelope/4.M4P9Q4.host.json", "{}");

        var log = new RecordingLoggerProvider();
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log)))
        {
            _ = new MaildirMessageStore(_directory, loggerFactory);
        }

        Assert.Equal(["4.M4P9Q4.host"], Files("new"));
        Assert.Equal(["4.M4P9Q4.host.json"], Files("envelope"));
        Assert.Empty(log.Entries);
    }

    [Fact]
    public async Task Opening_a_second_store_on_the_Maildir_leaves_the_message_the_first_is_receiving()
    {
        var receiving = new MaildirMessageStore(_directory);
        var envelope = new MessageEnvelope("s1", new IPEndPoint(IPAddress.Loopback, 1025), "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow);
        await using IMessageWriter writer = await receiving.BeginAsync(envelope, CancellationToken.None);
        await writer.WriteAsync("Subject: hi\r\n\r\nbody\r\n"u8.ToArray(), CancellationToken.None);

        _ = new MaildirMessageStore(_directory);
        Assert.Single(Files("tmp"));

        string location = await writer.CommitAsync(CancellationToken.None);
        Assert.Equal("Subject: hi\r\n\r\nbody\r\n", await File.ReadAllTextAsync(location));
        Assert.Equal([Path.GetFileName(location) + ".json"], Files("envelope"));
        Assert.Empty(Files("tmp"));
    }

    private void Write(string path, string content)
    {
        string file = Path.Combine(_directory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content, Encoding.Latin1);
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(_directory, path), Encoding.Latin1);

    private string[] Files(string folder) =>
        Directory.GetFiles(Path.Combine(_directory, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
