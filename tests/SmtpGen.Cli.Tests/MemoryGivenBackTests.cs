using System.Globalization;
using System.Net;
using SmtpGen.Server.Tests;
using Xunit.Abstractions;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// The real <c>smtpgen serve</c> gives memory back once load has come and gone: 2,000 sessions that each send a message,
/// held open together, then closed, leave it within twice its idle resident memory. Without
/// <c>ReleaseMemoryWhenIdleFor</c> they left it at about 3.4 times (<c>benchmarks/session-memory.md</c>).
/// </summary>
public sealed class MemoryGivenBackTests(ITestOutputHelper output) : IDisposable
{
    private const int Sessions = 2000;

    /// <summary>A message of 1 KiB, with its end.</summary>
    private static readonly string Message = "Subject: come and go\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 62) + "\r\n", 16)) + ".";

    /// <summary>How many sessions connect and send at a time.</summary>
    private const int Opening = 32;

    /// <summary>File descriptors left to each process for what is not a connection: its libraries, logs, the Maildir's files.</summary>
    private const int DescriptorReserve = 256;

    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-memory-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task After_2000_sessions_have_come_and_gone_serve_is_within_twice_its_idle_resident_memory()
    {
        string store = Path.Combine(_directory, "mail");
        await using RunningTool serve = await RunningTool.StartServeAsync(
            _directory, new Dictionary<string, string>(), "--port", "0", "--store", store, "--quiet", "--max-sessions", Sessions.ToString(CultureInfo.InvariantCulture));
        var endPoint = new IPEndPoint(IPAddress.Loopback, serve.Port);
        await using (RawClient first = await SendAsync(endPoint))
        {
            await first.CommandAsync("QUIT");
        }

        long idle = serve.ResidentMemory();

        // As many held open together as both processes' descriptors allow: all of them, unless the limit is low.
        int wave = Math.Min(Sessions, OpenFilesLimit() - DescriptorReserve);
        for (int sent = 0; sent < Sessions; sent += wave)
        {
            var held = new RawClient[Math.Min(wave, Sessions - sent)];
            await Parallel.ForAsync(0, held.Length, new ParallelOptions { MaxDegreeOfParallelism = Opening }, async (i, _) => held[i] = await SendAsync(endPoint));
            await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = Opening }, async (client, _) =>
            {
                await client.CommandAsync("QUIT");
                await client.DisposeAsync();
            });
        }

        long peak = serve.PeakResidentMemory();
        string figures = string.Create(CultureInfo.InvariantCulture, $"idle {idle / 1024} KiB, peak {peak / 1024} KiB, in waves of {wave}");
        output.WriteLine(figures);
        Assert.Equal(Sessions + 1, Directory.GetFiles(Path.Combine(store, "new")).Length);
        await Eventually.WaitUntilAsync(() => serve.ResidentMemory() <= 2 * idle, $"serve's resident memory back within twice idle ({figures}, now {serve.ResidentMemory() / 1024} KiB)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after: {serve.ResidentMemory() / 1024} KiB"));
    }

    /// <summary>One session that sends a message and has its 250, left open.</summary>
    private static async Task<RawClient> SendAsync(IPEndPoint endPoint)
    {
        RawClient client = await RawClient.ConnectAsync(endPoint);
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        Assert.StartsWith("250 ", await client.CommandAsync(Message), StringComparison.Ordinal);
        return client;
    }

    /// <summary>This process's limit of open files, which serve inherits (the soft one, which .NET raises to the hard one as it starts): <c>Max open files</c> in <c>/proc/self/limits</c>.</summary>
    private static int OpenFilesLimit()
    {
        string line = File.ReadLines("/proc/self/limits").First(line => line.StartsWith("Max open files", StringComparison.Ordinal));
        string soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? int.MaxValue : int.Parse(soft, CultureInfo.InvariantCulture);
    }
}
