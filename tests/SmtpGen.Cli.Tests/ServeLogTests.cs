using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>serve</c>'s log on standard error: one line an event with its time and the session's id; the stored message with
/// the id its 250 names; each refusal at Information with its code; <c>--log-format json</c> as one object a line, and
/// <c>--log-format systemd</c> with each line's syslog priority.
/// </summary>
public sealed partial class ServeLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-log-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_log_line_of_a_stored_message_carries_the_id_of_its_250_with_its_time_and_session()
    {
        await using RunningTool serve = await StartAsync();
        string accepted = await SendAsync(serve.Port);

        string id = accepted["250 2.0.0 OK: queued as ".Length..];
        string stored = await serve.WaitForLogAsync(line => line.Contains("Stored message", StringComparison.Ordinal));
        Match line = LogLine().Match(stored);
        Assert.True(line.Success, stored);
        Assert.Equal(
            $"Stored message {id}: 7 octets from <alice@example.com> to <bob@example.com>, at {Path.Combine(_directory, "mail", "new", id)}",
            line.Groups["message"].Value);
        Assert.Contains(serve.Error, other => other.Contains($"=> session {line.Groups["session"].Value} Session from 127.0.0.1:", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_directory, "mail", "new", id)));
    }

    [Fact]
    public async Task A_refusal_is_logged_at_Information_with_its_reply_code()
    {
        await using RunningTool serve = await StartAsync("--max-message-size", "100");
        await using RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, serve.Port));
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.example.com");
        Assert.StartsWith("552 ", await client.CommandAsync("MAIL FROM:<alice@example.com> SIZE=1000"), StringComparison.Ordinal);

        string refused = await serve.WaitForLogAsync(line => line.Contains("Refused MAIL with", StringComparison.Ordinal));
        Match line = LogLine().Match(refused);
        Assert.True(line.Success, refused);
        Assert.Equal("info", line.Groups["level"].Value);
        Assert.Equal("Refused MAIL with 552: Message size exceeds fixed maximum message size", line.Groups["message"].Value);
    }

    [Fact]
    public async Task Log_format_json_writes_one_JSON_object_a_line()
    {
        await using RunningTool serve = await StartAsync("--log-format", "json");
        string accepted = await SendAsync(serve.Port);
        await serve.WaitForLogAsync(line => line.Contains("Stored message", StringComparison.Ordinal));
        await serve.SignalAsync("TERM");
        Assert.Equal(0, await serve.WaitForExitAsync());

        JsonElement[] entries = [.. serve.Error.Select(line => JsonDocument.Parse(line).RootElement)];
        Assert.True(entries.Length >= 4, string.Join('\n', serve.Error));
        Assert.All(entries, entry => Assert.True(entry.TryGetProperty("Timestamp", out _) && entry.TryGetProperty("LogLevel", out _), entry.ToString()));
        JsonElement stored = Assert.Single(entries, entry => entry.GetProperty("EventId").GetInt32() == 4);
        Assert.Equal("Information", stored.GetProperty("LogLevel").GetString());
        Assert.Equal(accepted["250 2.0.0 OK: queued as ".Length..], stored.GetProperty("State").GetProperty("MessageId").GetString());
        Assert.Contains(stored.GetProperty("Scopes").EnumerateArray(), scope => scope.TryGetProperty("SessionId", out _));
    }

    [Fact]
    public async Task Log_format_systemd_begins_each_line_with_its_syslog_priority_for_the_journal()
    {
        await using RunningTool serve = await StartAsync("--log-format", "systemd");
        await SendAsync(serve.Port);

        // journald reads <6> as info, <4> as warning, <3> as error.
        string started = await serve.WaitForLogAsync(line => line.Contains("Session from", StringComparison.Ordinal));
        Assert.Matches(@"^<6>SmtpGen\.Server\.SmtpListener\[2\] => session \S+ Session from 127\.0\.0\.1:\d+ started$", started);
        Assert.All(serve.Error, line => Assert.Matches(@"^<[0-7]>", line));
    }

    private Task<RunningTool> StartAsync(params string[] options) =>
        RunningTool.StartServeAsync(_directory, new Dictionary<string, string>(), ["--port", "0", "--store", Path.Combine(_directory, "mail"), .. options]);

    /// <summary>Sends one message of 7 octets; returns the server's reply to its end.</summary>
    private static async Task<string> SendAsync(int port)
    {
        await using RawClient client = await RawClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        string accepted = await client.CommandAsync("hello\r\n.");
        Assert.StartsWith("250 2.0.0 OK: queued as ", accepted, StringComparison.Ordinal);
        await client.CommandAsync("QUIT");
        return accepted;
    }

    /// <summary>A line of the text log: time (UTC), level, category and event, the session's scope, the message.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (?<level>\w+): SmtpGen\.Server\.SmtpListener\[\d+\] => session (?<session>\S+) (?<message>.*)$")]
    private static partial Regex LogLine();
}
