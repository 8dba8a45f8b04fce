using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Cli.Tests;

/// <summary>Mistakes in calling smtpgen: one line on standard error naming the option and why, exit code 2, and nothing done.</summary>
public sealed class UsageTests : IDisposable
{
    private const string Mailbox = "a mailbox, local-part@domain (RFC 5321 §4.1.2)";
    private const string HostName = "a domain or an address literal such as [192.0.2.1] (RFC 5321 §4.1.1.1)";

    private readonly string _store = Path.Combine(Path.GetTempPath(), "smtpgen-usage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'.", "frobnicate")]
    [InlineData("a command is needed: demo, serve, deliver, send, load, users, diagram or help (smtpgen --help tells more)")]
    [InlineData("help: 'frobnicate' is not a command; the commands are demo, serve, deliver, send, load, users, diagram, help", "help", "frobnicate")]
    [InlineData("--version option cannot be combined with other arguments.", "--version", "serve")]
    [InlineData("Unrecognized command or argument '--colour'.", "demo", "--colour", "red")]
    [InlineData("Unrecognized command or argument 'list'.", "users", "list", "users")]
    [InlineData("--store must be a folder or a path to make one at, not 'SmtpGen.Cli.dll'", "demo", "--store", "SmtpGen.Cli.dll")]
    [InlineData("Unrecognized command or argument '--colour'.", "serve", "--colour", "red")]
    [InlineData("--from must be nats://HOST:PORT/STREAM, not 'mail'", "deliver", "--from", "mail")]
    [InlineData("Option '--from' is required.", "deliver", "--to", "mail")]
    [InlineData("--store must be a folder or a path to make one at, or nats://HOST:PORT/STREAM, not 'nats://127.0.0.1/MAIL'", "serve", "--store", "nats://127.0.0.1/MAIL")]
    [InlineData("--store must be a folder or a path to make one at, or nats://HOST:PORT/STREAM, not 'nats://127.0.0.1:4222/'", "serve", "--store", "nats://127.0.0.1:4222/")]
    [InlineData("Required argument missing for option: '--port'.", "serve", "--port")]
    [InlineData("--port must be a whole number from 0 to 65535, not 'x'", "serve", "--port", "x")]
    [InlineData("--port must be a whole number from 0 to 65535, not '70000'", "serve", "--port=70000")]
    [InlineData("--address must be an IP address, not 'localhost'", "serve", "--address", "localhost")]
    [InlineData("--name must be " + HostName + ", not 'mx test'", "serve", "--name", "mx test")]
    [InlineData("--max-message-size must be a whole number from 1 to 9223372036854775807, not '0'", "serve", "--max-message-size", "0")]
    [InlineData("--max-recipients must be a whole number from 1 to 2147483647, not '-1'", "serve", "--max-recipients", "-1")]
    [InlineData("--command-timeout must be a whole number from 1 to 86400, not '0'", "serve", "--command-timeout", "0")]
    [InlineData("--data-timeout must be a whole number from 1 to 86400, not '1.5'", "serve", "--data-timeout", "1.5")]
    [InlineData("--bare-line-endings must be 'reject' or 'normalize', not 'fix'", "serve", "--bare-line-endings", "fix")]
    [InlineData("Option '--store' expects a single argument but 2 were provided.", "serve", "--store", "a", "--store", "b")]
    [InlineData("--discard keeps no message: give it or --store, not both", "serve", "--discard", "--store", "mail")]
    [InlineData("--log-level must be 'trace', 'debug', 'information', 'warning' or 'error', not 'loud'", "serve", "--log-level", "loud")]
    [InlineData("--log-format must be 'text', 'json' or 'systemd', not '1'", "serve", "--log-format", "1")]
    [InlineData("--quiet is --log-level warning: give one of them, not both", "serve", "--quiet", "--log-level", "debug")]
    [InlineData("Option '--server' is required.", "send", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b")]
    [InlineData("Option '--to' is required.", "send", "--server", "localhost", "--from", "a@example.com", "--subject", "s", "--body", "b")]
    [InlineData("--subject is required when --file is not given", "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com")]
    [InlineData("--body is required when --file is not given", "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s")]
    [InlineData("--server must be HOST or HOST:PORT ([IPv6]:PORT), with a port from 1 to 65535 (25 when none is given), not 'localhost:x'",
        "send", "--server", "localhost:x", "--from", "a@example.com", "--to", "b@example.com")]
    [InlineData("--to must be " + Mailbox + " or Postmaster, not 'bob'", "send", "--server", "localhost", "--from", "a@example.com", "--to", "bob", "--subject", "s", "--body", "b")]
    [InlineData("--from must be " + Mailbox + " or \"\" for <>, not 'alice'", "send", "--server", "localhost", "--from", "alice", "--to", "b@example.com", "--subject", "s", "--body", "b")]
    [InlineData("--replies must be a file in a folder that exists, not '/no-such-folder/replies.txt'", "load", "--server", "localhost:2525", "--replies", "/no-such-folder/replies.txt")]
    [InlineData("--replies must be a file in a folder that exists, not '/tmp'", "load", "--server", "localhost:2525", "--replies", "/tmp")]
    [InlineData("--file must be a file that exists, or - for standard input, not 'no-such.eml'", "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--file", "no-such.eml")]
    [InlineData("--file holds the whole message: give it or --subject and --body, not both",
        "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--file", "SmtpGen.Cli.dll", "--subject", "s")]
    [InlineData("--timeout must be a whole number from 1 to 86400, not '0'",
        "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b", "--timeout", "0")]
    [InlineData("--helo must be " + HostName + ", not 'my host'",
        "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--subject", "s", "--body", "b", "--helo", "my host")]
    [InlineData("--server must be HOST:PORT or [IPv6]:PORT, with a port from 1 to 65535, not '127.0.0.1'", "load", "--server", "127.0.0.1")]
    [InlineData("--size must be a whole number from 128 to 1073741824, not '12'", "load", "--server", "localhost:25", "--size", "12")]
    [InlineData("--sessions must be a whole number from 1 to 10000, not '0'", "load", "--server", "localhost:25", "--sessions", "0")]
    [InlineData("--messages must be a whole number from 1 to 100000000, not '1e3'", "load", "--server", "localhost:25", "--messages", "1e3")]
    [InlineData("--to must be " + Mailbox + " or Postmaster, not 'sink'", "load", "--server", "localhost:25", "--to", "sink")]
    public async Task A_mistake_is_one_line_naming_it_and_exit_code_2(string message, params string[] arguments)
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"smtpgen: {message}{Environment.NewLine}", error);
    }

    [Theory]
    [InlineData("send", "--from", "alice@example.com", "--to", "bob", "--subject", "s", "--body", "b")]
    [InlineData("send", "--from", "alice", "--to", "bob@example.com", "--subject", "s", "--body", "b")]
    [InlineData("send", "--from", "alice@example.com", "--to", "bob@example.com", "--file", "no-such.eml")]
    [InlineData("send", "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "s", "--body", "b", "--timeout", "0")]
    [InlineData("send", "--from", "alice@example.com", "--to", "bob@example.com", "--subject", "s", "--body", "b", "--helo", "my host")]
    [InlineData("load", "--size", "12")]
    [InlineData("load", "--to", "sink")]
    public async Task A_mistake_is_found_before_anything_connects(params string[] arguments)
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        string address = $"127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

        (int exitCode, _, string error) = await CommandRun.RunAsync([arguments[0], "--server", address, .. arguments[1..]]);

        Assert.Equal(2, exitCode);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(server.Pending(), "the command connected before it found the mistake");
    }

    [Fact]
    public async Task A_mistake_in_serve_is_found_before_it_listens_or_makes_its_store()
    {
        string port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort().ToString(CultureInfo.InvariantCulture);

        (int exitCode, string output, _) = await CommandRun.RunAsync("serve", "--port", port, "--store", _store, "--max-sessions", "0");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);   // no "serving ... on" line
        Assert.False(Directory.Exists(_store));
    }
}
