using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmtpGen.Server;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen serve</c>: runs the SMTP (or LMTP) server, storing messages in a Maildir, until Ctrl+C.</summary>
internal sealed class ServeCommand : Command
{
    /// <summary>The server's own defaults (RFC 5321's limits and timeouts), shown in the help and used when an option is absent.</summary>
    private static readonly SmtpServerOptions Defaults = new();

    private readonly Option<int> _port = NumberOptions.WholeNumber("--port", "PORT", "The port to listen on; 0 takes any free port", 0, IPEndPoint.MaxPort, () => 2525);
    private readonly Option<IPAddress> _address = CheckedOption.Create(
        "--address", "ADDRESS", "The IP address to listen on", "an IP address", (string text, out IPAddress address) => IPAddress.TryParse(text, out address!), () => IPAddress.Loopback);
    private readonly Option<string> _store = PathOptions.Folder("--store", "The Maildir that receives the messages (made when missing)", "mail");
    private readonly Option<bool> _discard = new("--discard") { Description = "Keep no message: accept each and drop it (a sink for load tests), instead of --store" };
    private readonly Option<bool> _quiet = new("--quiet") { Description = "Log warnings and errors only" };
    private readonly Option<string> _name = SmtpSyntaxOptions.HostName("--name", "The server's name in its greeting and EHLO reply", () => Defaults.ServerName);
    private readonly Option<bool> _lmtp = new("--lmtp") { Description = "Serve LMTP (RFC 2033) instead of SMTP" };
    private readonly Option<bool> _noTrace = new("--no-trace")
    {
        Description = "Store each message exactly as sent, without the Return-Path: and Received: headers the server adds at delivery (RFC 5321 §4.4)",
    };
    private readonly Option<long> _maxMessageSize = NumberOptions.WholeNumber(
        "--max-message-size", "OCTETS", "The largest message (SIZE, announced in EHLO); larger ones get 552", 1L, long.MaxValue, () => Defaults.MaxMessageSize);
    private readonly Option<int> _maxRecipients = NumberOptions.WholeNumber(
        "--max-recipients", "COUNT", "The most recipients of one message; more get 452", 1, int.MaxValue, () => Defaults.MaxRecipients);
    private readonly Option<int> _maxSessions = NumberOptions.WholeNumber(
        "--max-sessions", "COUNT", "The most sessions at once; a connection beyond them gets 421", 1, int.MaxValue, () => Defaults.MaxSessions);
    private readonly Option<int> _maxErrors = NumberOptions.WholeNumber(
        "--max-errors", "COUNT", "The most erroneous commands in a session; then 421 and the session ends", 1, int.MaxValue, () => Defaults.MaxErrors);
    private readonly Option<int> _commandTimeout = NumberOptions.Seconds(
        "--command-timeout", "How long to wait for a client's next command (RFC 5321 §4.5.3.2.7); then 421 and the session ends", Defaults.CommandTimeout);
    private readonly Option<int> _dataTimeout = NumberOptions.Seconds(
        "--data-timeout", "How long to wait for the next piece of a message's data (RFC 5321 §4.5.3.2.7); then 421 and the session ends", Defaults.DataTimeout);
    private readonly Option<string> _tlsCertificate = PathOptions.ExistingFile("--tls-certificate", "The server's certificate (PEM): STARTTLS is offered (RFC 3207); needs --tls-key");
    private readonly Option<string> _tlsKey = PathOptions.ExistingFile("--tls-key", "The certificate's private key (PEM)");
    private readonly Option<bool> _implicitTls = new("--implicit-tls") { Description = "Start every connection with TLS (RFC 8314, port 465 style) instead of offering STARTTLS" };
    private readonly Option<string> _users = PathOptions.ExistingFile(
        "--users", "Offer AUTH (RFC 4954: SCRAM-SHA-256, PLAIN, LOGIN) for the users of this file of verifiers (smtpgen users add); over TLS only");
    private readonly Option<bool> _allowInsecureAuth = new("--allow-insecure-auth") { Description = "Offer AUTH without TLS too (for a test bed: passwords cross in the clear)" };
    private readonly Option<bool> _requireAuth = new("--require-auth") { Description = "Take mail only from authenticated clients (530 before AUTH), as a submission server (RFC 6409)" };
    private readonly Option<BareLineEndingHandling> _bareLineEndings = CheckedOption.Create(
        "--bare-line-endings",
        "reject|normalize",
        "A message with a bare CR or LF (RFC 5321 §2.3.8): reject refuses it with 554, normalize stores it with CRLF",
        "'reject' or 'normalize'",
        (string text, out BareLineEndingHandling handling) =>
        {
            (bool known, handling) = text.ToLowerInvariant() switch
            {
                "reject" => (true, BareLineEndingHandling.Reject),
                "normalize" => (true, BareLineEndingHandling.Normalize),
                _ => (false, default),
            };
            return known;
        },
        () => Defaults.BareLineEndings);

    public ServeCommand()
        : base("serve", "Receive mail into a Maildir until Ctrl+C")
    {
        Options.Add(_port);
        Options.Add(_address);
        Options.Add(_store);
        Options.Add(_discard);
        Options.Add(_quiet);
        Options.Add(_name);
        Options.Add(_lmtp);
        Options.Add(_noTrace);
        Options.Add(_maxMessageSize);
        Options.Add(_maxRecipients);
        Options.Add(_maxSessions);
        Options.Add(_maxErrors);
        Options.Add(_commandTimeout);
        Options.Add(_dataTimeout);
        Options.Add(_bareLineEndings);
        Options.Add(_tlsCertificate);
        Options.Add(_tlsKey);
        Options.Add(_implicitTls);
        Options.Add(_users);
        Options.Add(_allowInsecureAuth);
        Options.Add(_requireAuth);
        this.AddRule(result =>
        {
            if (result.Gives(_discard) && result.Gives(_store))
            {
                result.AddError("--discard keeps no message: give it or --store, not both");
            }
            else if (result.Gives(_tlsCertificate) != result.Gives(_tlsKey))
            {
                result.AddError("--tls-certificate and --tls-key go together: give both or neither");
            }
            else if (result.Gives(_implicitTls) && !result.Gives(_tlsCertificate))
            {
                result.AddError("--implicit-tls needs --tls-certificate and --tls-key");
            }
            else if ((result.Gives(_allowInsecureAuth) || result.Gives(_requireAuth)) && !result.Gives(_users))
            {
                result.AddError($"{(result.Gives(_requireAuth) ? "--require-auth" : "--allow-insecure-auth")} needs --users: AUTH is off without them");
            }
            else if (result.Gives(_users) && !result.Gives(_tlsCertificate) && !result.Gives(_allowInsecureAuth))
            {
                result.AddError("--users offers AUTH over TLS only: give --tls-certificate and --tls-key, or --allow-insecure-auth for a test bed");
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        SmtpServerOptions options = ReadOptions(parsed);
        LogLevel level = parsed.GetValue(_quiet) ? LogLevel.Warning : LogLevel.Information;
        using ILoggerFactory logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddSimpleConsole(console => console.IncludeScopes = true));
        IMessageStore store = parsed.GetValue(_discard) ? new DiscardingMessageStore() : new MaildirMessageStore(parsed.GetRequiredValue(_store), logging);
        string destination = store is MaildirMessageStore maildir ? $"messages go to {Path.Combine(maildir.Directory, "new")}" : "messages are discarded (--discard)";

        await using var server = new SmtpListener(options, store, loggerFactory: logging);
        try
        {
            server.Start();
        }
        catch (SocketException failure)
        {
            throw new IOException($"cannot listen on {options.EndPoint}: {failure.Message}", failure);
        }

        string protocol = options.Commands is null ? "SMTP" : "LMTP";
        await output.WriteLineAsync($"smtpgen: serving {protocol} on {server.LocalEndPoint} as {options.ServerName}; {destination} (Ctrl+C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("smtpgen: stopping");
        }

        return 0;
    }

    private SmtpServerOptions ReadOptions(ParseResult parsed) => new()
    {
        EndPoint = new IPEndPoint(parsed.GetRequiredValue(_address), parsed.GetValue(_port)),
        ServerName = parsed.GetRequiredValue(_name),
        MaxMessageSize = parsed.GetValue(_maxMessageSize),
        MaxRecipients = parsed.GetValue(_maxRecipients),
        MaxSessions = parsed.GetValue(_maxSessions),
        MaxErrors = parsed.GetValue(_maxErrors),
        CommandTimeout = TimeSpan.FromSeconds(parsed.GetValue(_commandTimeout)),
        DataTimeout = TimeSpan.FromSeconds(parsed.GetValue(_dataTimeout)),
        Commands = parsed.GetValue(_lmtp) ? LmtpCommandHandler.Instance : null,
        BareLineEndings = parsed.GetValue(_bareLineEndings),
        AddTraceHeaders = !parsed.GetValue(_noTrace),
        Certificate = parsed.GetValue(_tlsCertificate) is { } certificate ? TlsFiles.LoadServerCertificate(certificate, parsed.GetRequiredValue(_tlsKey)) : null,
        ImplicitTls = parsed.GetValue(_implicitTls),
        Authentication = parsed.GetValue(_users) is { } users
            ? new SmtpAuthenticationOptions { Users = UserFile.Load(users), AllowInsecureAuth = parsed.GetValue(_allowInsecureAuth), Required = parsed.GetValue(_requireAuth) }
            : null,
    };
}
