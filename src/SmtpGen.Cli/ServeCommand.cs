using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using SmtpGen.Server;
using SmtpGen.Server.Nats;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen serve</c>: runs the SMTP (or LMTP) server on the .NET generic host through <c>AddSmtpServer</c>, storing messages
/// in a Maildir, until SIGTERM or Ctrl+C. The server's settings come from <c>smtpgen.json</c> and <c>appsettings.json</c> in
/// the working directory (section <c>Smtp</c>), then environment variables (<c>SMTPGEN_Smtp__Port</c>), then the options given
/// on the command line, each overriding the one before.
/// </summary>
internal sealed class ServeCommand : Command
{
    /// <summary>The server's own defaults (RFC 5321's limits and timeouts), shown in the help; configuration may change them.</summary>
    private static readonly SmtpServerOptions Defaults = new();

    /// <summary>The configuration section of the server's settings: <c>"Smtp": { "Port": 2526 }</c>, <c>SMTPGEN_Smtp__Port=2526</c>.</summary>
    private const string ConfigurationSection = "Smtp";

    /// <summary>The prefix of the environment variables that configure serve, taken off their names.</summary>
    private const string EnvironmentPrefix = "SMTPGEN_";

    /// <summary>The tool's port when neither configuration nor the command line gives one: SMTP's 25 needs root.</summary>
    private const int DefaultPort = 2525;

    /// <summary>
    /// How long serve is without a session before it gives the memory of the last load back to the system, unless
    /// configuration says otherwise (<see cref="SmtpServerOptions.ReleaseMemoryWhenIdleFor"/>): the tool owns its process,
    /// so the collection that does it disturbs nothing else.
    /// </summary>
    private static readonly TimeSpan DefaultReleaseMemoryWhenIdleFor = TimeSpan.FromSeconds(5);

    private readonly Option<int> _port = NumberOptions.WholeNumber("--port", "PORT", "The port to listen on; 0 takes any free port", 0, IPEndPoint.MaxPort, () => DefaultPort);
    private readonly Option<IPAddress> _address = CheckedOption.Create(
        "--address", "ADDRESS", "The IP address to listen on: 0.0.0.0 every IPv4 interface, :: every interface of IPv4 and IPv6", "an IP address", (string text, out IPAddress address) => IPAddress.TryParse(text, out address!), () => IPAddress.Loopback);
    private readonly Option<StoreLocation> _store = StoreLocation.Option(
        "--store", "The Maildir that receives the messages (made when missing), or a NATS JetStream stream, nats://HOST:PORT/STREAM, that exists", "mail");
    private readonly Option<bool> _discard = new("--discard") { Description = "Keep no message: accept each and drop it (a sink for load tests), instead of --store" };
    private readonly LogOptions _log = new();
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
    private readonly Option<string> _tlsCertificate = PathOptions.ExistingFile("--tls-certificate", "The server's certificate (PEM), then the intermediate authorities' to send with it (a full chain): STARTTLS is offered (RFC 3207); needs --tls-key");
    private readonly Option<string> _tlsKey = PathOptions.ExistingFile("--tls-key", "The certificate's private key (PEM)");
    private readonly Option<bool> _implicitTls = new("--implicit-tls") { Description = "Start every connection with TLS (RFC 8314, port 465 style) instead of offering STARTTLS" };
    private readonly Option<string> _users = PathOptions.ExistingFile(
        "--users", "Offer AUTH (RFC 4954: SCRAM-SHA-256, PLAIN, LOGIN) for the users of this file of verifiers (smtpgen users add); over TLS only");
    private readonly Option<bool> _allowInsecureAuth = new("--allow-insecure-auth") { Description = "Offer AUTH without TLS too (for a test bed: passwords cross in the clear)" };
    private readonly Option<bool> _requireAuth = new("--require-auth") { Description = "Take mail only from authenticated clients (530 before AUTH), as a submission server (RFC 6409)" };
    private readonly Option<BareLineEndingHandling> _bareLineEndings = CheckedOption.Choice(
        "--bare-line-endings",
        "A message sent with DATA that holds a bare CR or LF (RFC 5321 §2.3.8): reject refuses it with 554, normalize stores it with CRLF; BDAT's chunks are kept as sent",
        [("reject", BareLineEndingHandling.Reject), ("normalize", BareLineEndingHandling.Normalize)],
        () => Defaults.BareLineEndings);

    public ServeCommand()
        : base("serve", "Receive mail into a Maildir (or a NATS JetStream stream) until SIGTERM or Ctrl+C; settings also from smtpgen.json, appsettings.json and SMTPGEN_Smtp__NAME")
    {
        Options.Add(_port);
        Options.Add(_address);
        Options.Add(_store);
        Options.Add(_discard);
        _log.AddTo(this);
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
            else if (_log.Mistake(result) is { } logMistake)
            {
                result.AddError(logMistake);
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

    /// <summary>
    /// Starts the host and serves until it stops: SIGTERM or SIGINT (the host's console lifetime), or the cancellation of
    /// <paramref name="cancellationToken"/> (Ctrl+C as Program.cs passes it). Each stops the server as its host's stop does:
    /// no more connections, 421 to every session, messages being committed given their grace period; then exit code 0.
    /// SIGHUP, taken from the first line on, reloads the TLS certificate (<see cref="CertificateReload"/>).
    /// </summary>
    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        using var reload = new CertificateReload(parsed.GetValue(_tlsCertificate), parsed.GetValue(_tlsKey));
        StoreLocation location = parsed.GetRequiredValue(_store);
        await using NatsConnection? nats = location.NatsServer is { } server ? new NatsConnection(new NatsOpts { Url = server, Name = "smtpgen" }) : null;
        JetStreamMessageStore? stream = nats is null ? null : await OpenStreamAsync(nats, location, cancellationToken);
        IHost built;
        try
        {
            built = BuildHost(parsed, stream);
        }
        catch (InvalidDataException unreadable)
        {
            // A settings file that is no JSON: the configuration names the file, the JSON reader where it went wrong.
            string where = unreadable.GetBaseException() is { } reason && reason != unreadable ? " " + reason.Message : "";
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"smtpgen: invalid settings: {unreadable.Message}{where}");
            return 1;
        }
        catch (OptionsValidationException mistake)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"smtpgen: invalid setting: {mistake.Message}");
            return 1;
        }

        using IHost host = built;
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException mistake)
        {
            await parsed.InvocationConfiguration.Error.WriteLineAsync($"smtpgen: invalid setting: {mistake.Message}");
            return 1;
        }
        catch (SocketException failure)
        {
            throw new IOException($"cannot listen on {host.Services.GetRequiredService<IOptions<SmtpServerOptions>>().Value.EndPoint}: {failure.Message}", failure);
        }

        SmtpServerOptions options = host.Services.GetRequiredService<IOptions<SmtpServerOptions>>().Value;
        string protocol = options.Commands is null ? "SMTP" : "LMTP";
        string destination = host.Services.GetRequiredService<IMessageStore>() switch
        {
            MaildirMessageStore maildir => $"messages go to {Path.Combine(maildir.Directory, "new")}",
            JetStreamMessageStore => $"messages go to the stream {location.Stream} ({stream!.Subject}) at {location.NatsServer}, up to {options.MaxMessageSize} octets",
            _ => "messages are discarded (--discard)",
        };
        SmtpListener listener = host.Services.GetRequiredService<SmtpServerHostedService>().Listener;
        ILoggerFactory logging = host.Services.GetRequiredService<ILoggerFactory>();
        reload.Attach(listener, logging.CreateLogger<CertificateReload>());
        if (nats is not null)
        {
            NatsConnectionLog.Attach(nats, logging.CreateLogger(typeof(NatsConnectionLog)));
        }

        string reloads = options.Certificate is null ? "" : ", SIGHUP reloads the TLS certificate";
        await output.WriteLineAsync($"smtpgen: serving {protocol} on {listener.LocalEndPoint} as {options.ServerName}; {destination} (Ctrl+C or SIGTERM stops{reloads})");

        await host.WaitForShutdownAsync(cancellationToken);
        await output.WriteLineAsync("smtpgen: stopped");
        return 0;
    }

    /// <summary>Opens the JetStream store on the stream <paramref name="location"/> names, which must exist.</summary>
    /// <exception cref="IOException">NATS cannot be reached, or the stream cannot be used; the message names the URL.</exception>
    private static async Task<JetStreamMessageStore> OpenStreamAsync(NatsConnection nats, StoreLocation location, CancellationToken cancellationToken)
    {
        try
        {
            // Its meter, SmtpGen.Server.Nats, is there for dotnet-counters and the like to read.
            return await JetStreamMessageStore.OpenAsync(new NatsJSContext(nats), new JetStreamStoreOptions { Stream = location.Stream! }, new JetStreamMetrics(), cancellationToken);
        }
        catch (Exception failure) when (failure is NatsException or InvalidOperationException)
        {
            throw new IOException($"cannot use the stream {location.Stream} at {location.NatsServer}: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// The generic host with the server: its settings from the files and the environment, then the command line; its log
    /// on standard error. The tool's own defaults, port 2525 and memory given back after 5 s without a session, come before
    /// them all.
    /// </summary>
    private IHost BuildHost(ParseResult parsed, JetStreamMessageStore? stream)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Environment.CurrentDirectory });
        builder.Configuration
            .SetBasePath(Environment.CurrentDirectory)
            .AddJsonFile("smtpgen.json", optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
        RefuseUnknownSettings(builder.Configuration.GetSection(ConfigurationSection));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        _log.Configure(builder.Logging, parsed);
        if (parsed.GetValue(_discard))
        {
            builder.Services.AddSingleton<IMessageStore>(new DiscardingMessageStore());
        }
        else if (stream is not null)
        {
            // A message the stream cannot take is refused at MAIL's SIZE, or with 552 in its data, never at the publish.
            builder.Services.AddSingleton<IMessageStore>(stream);
            builder.Services.PostConfigure<SmtpServerOptions>(options => options.MaxMessageSize = Math.Min(options.MaxMessageSize, stream.MaxMessageSize));
        }

        builder.Services.Configure<SmtpServerOptions>(options =>
        {
            options.Port = DefaultPort;
            options.ReleaseMemoryWhenIdleFor = DefaultReleaseMemoryWhenIdleFor;
        });
        builder.Services.AddSmtpServer(
            builder.Configuration.GetSection(ConfigurationSection), options => ApplyCommandLine(parsed, options), parsed.GetRequiredValue(_store).Maildir ?? "mail");
        return builder.Build();
    }

    /// <summary>
    /// The section is the tool's alone, so a key in it that is no setting is a mistake (a misspelt <c>MaxRecipent</c>
    /// would leave its limit as it was), told as a setting that cannot work is.
    /// </summary>
    /// <exception cref="OptionsValidationException">A key is no setting; the message names it and the settings.</exception>
    private static void RefuseUnknownSettings(IConfigurationSection section)
    {
        IReadOnlyList<string> settings = SmtpServerServiceCollectionExtensions.ConfigurationSettings;
        foreach (IConfigurationSection given in section.GetChildren())
        {
            if (!settings.Contains(given.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new OptionsValidationException(
                    Microsoft.Extensions.Options.Options.DefaultName, typeof(SmtpServerOptions), [$"{given.Path} is no setting of the server's; its settings are {string.Join(", ", settings)}"]);
            }
        }
    }

    /// <summary>Sets what the command line gives, over the configuration; an option left to its default changes nothing.</summary>
    private void ApplyCommandLine(ParseResult parsed, SmtpServerOptions options)
    {
        CommandResult given = parsed.CommandResult;
        if (given.Gives(_address))
        {
            options.Address = parsed.GetRequiredValue(_address).ToString();
        }

        if (given.Gives(_port))
        {
            options.Port = parsed.GetValue(_port);
        }

        if (given.Gives(_name))
        {
            options.ServerName = parsed.GetRequiredValue(_name);
        }

        if (given.Gives(_maxMessageSize))
        {
            options.MaxMessageSize = parsed.GetValue(_maxMessageSize);
        }

        if (given.Gives(_maxRecipients))
        {
            options.MaxRecipients = parsed.GetValue(_maxRecipients);
        }

        if (given.Gives(_maxSessions))
        {
            options.MaxSessions = parsed.GetValue(_maxSessions);
        }

        if (given.Gives(_maxErrors))
        {
            options.MaxErrors = parsed.GetValue(_maxErrors);
        }

        if (given.Gives(_commandTimeout))
        {
            options.CommandTimeout = TimeSpan.FromSeconds(parsed.GetValue(_commandTimeout));
        }

        if (given.Gives(_dataTimeout))
        {
            options.DataTimeout = TimeSpan.FromSeconds(parsed.GetValue(_dataTimeout));
        }

        if (given.Gives(_bareLineEndings))
        {
            options.BareLineEndings = parsed.GetValue(_bareLineEndings);
        }

        if (parsed.GetValue(_noTrace))
        {
            options.AddTraceHeaders = false;
        }

        if (parsed.GetValue(_lmtp))
        {
            options.Commands = LmtpCommandHandler.Instance;
        }

        if (parsed.GetValue(_tlsCertificate) is { } certificate)
        {
            (options.Certificate, options.CertificateChain) = TlsFiles.LoadServerCertificate(certificate, parsed.GetRequiredValue(_tlsKey));
            options.ImplicitTls = parsed.GetValue(_implicitTls);
        }

        if (parsed.GetValue(_users) is { } users)
        {
            options.Authentication = new SmtpAuthenticationOptions { Users = UserFile.Load(users), AllowInsecureAuth = parsed.GetValue(_allowInsecureAuth), Required = parsed.GetValue(_requireAuth) };
        }
    }
}
