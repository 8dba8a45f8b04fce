using System.CommandLine;
using System.Net;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen send</c>: sends one message with the SMTP client and says what became of each recipient.</summary>
internal sealed class SendCommand : Command
{
    /// <summary>The port of a <c>--server</c> given as a host alone: SMTP's own.</summary>
    private const int SmtpPort = 25;

    /// <summary>Where <c>--user</c>'s password comes from first.</summary>
    private const string PasswordVariable = "SMTPGEN_PASSWORD";

    private readonly Option<ServerEndPoint> _server = ServerOption.Create("The server to send to", SmtpPort);
    private readonly Option<string> _from = SmtpSyntaxOptions.Sender("--from", "The sender (MAIL FROM); \"\" for the null reverse path <>");
    private readonly Option<string[]> _to = SmtpSyntaxOptions.Recipients("--to", "A recipient (RCPT TO); give the option once for each");
    private readonly Option<string> _subject = new("--subject") { HelpName = "TEXT", Description = "The subject of a plain-text message made of --subject and --body" };
    private readonly Option<string> _body = new("--body") { HelpName = "TEXT", Description = "The text of that message; its line endings are sent as CRLF" };
    private readonly Option<string> _file = PathOptions.MessageFile(
        "--file", "The whole message, headers and body, instead of --subject and --body; - reads it from standard input. Bare CR or LF line endings are sent as CRLF");
    private readonly Option<string> _helo = SmtpSyntaxOptions.HostName("--helo", "The client's name in EHLO (LHLO with --lmtp)", Dns.GetHostName);
    private readonly Option<int> _timeout = NumberOptions.Seconds(
        "--timeout",
        "The longest wait for the server at each step: the connection, each reply, each block of the message. Without it, RFC 5321 §4.5.3.2's: 5 minutes for most replies, 10 for the reply to the message");
    private readonly Option<bool> _lmtp = new("--lmtp") { Description = "Speak LMTP (RFC 2033): LHLO, and a reply for each recipient after the message" };
    private readonly ClientTlsOptions _tls = new("required with --user, opportunistic otherwise");
    private readonly Option<string> _user = new("--user") { HelpName = "NAME", Description = $"Authenticate as NAME (AUTH, RFC 4954); the password comes from the environment variable {PasswordVariable}, or else the first line of standard input, never from the command line" };
    private readonly Option<bool> _allowInsecureAuth = new("--allow-insecure-auth") { Description = "Let PLAIN or LOGIN send the password without TLS (for a test bed)" };
    private readonly Option<bool> _chunking = new("--chunking") { Description = "Send the message with BDAT (RFC 3030) when the server offers CHUNKING, instead of DATA: a message of CRLF lines that ends in CRLF (one with bare LFs, or no CRLF at its end, goes with DATA, which mends them)" };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Print the conversation: each line sent (C:) and received (S:)" };
    private readonly Stream _standardInput;

    /// <param name="standardInput">Where <c>--file -</c> reads the message from.</param>
    public SendCommand(Stream standardInput)
        : base("send", "Send one message with the SMTP client and tell what became of each recipient")
    {
        _standardInput = standardInput;
        _from.Required = true;
        Options.Add(_server);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_subject);
        Options.Add(_body);
        Options.Add(_file);
        Options.Add(_helo);
        Options.Add(_timeout);
        Options.Add(_lmtp);
        _tls.AddTo(this);
        Options.Add(_user);
        Options.Add(_allowInsecureAuth);
        Options.Add(_chunking);
        Options.Add(_verbose);
        this.AddRule(result =>
        {
            if (result.Gives(_user) && result.GetValue(_file) == PathOptions.StandardInput && Environment.GetEnvironmentVariable(PasswordVariable) is null)
            {
                result.AddError($"--file - takes standard input for the message: give --user's password in {PasswordVariable}");
                return;
            }

            if (_tls.Mistake(result) is { } mistake)
            {
                result.AddError(mistake);
                return;
            }

            if (result.Gives(_file))
            {
                if (result.Gives(_subject) || result.Gives(_body))
                {
                    result.AddError("--file holds the whole message: give it or --subject and --body, not both");
                }
            }
            else if (!result.Gives(_subject) || !result.Gives(_body))
            {
                result.AddError($"{(result.Gives(_subject) ? "--body" : "--subject")} is required when --file is not given");
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        ServerEndPoint server = parsed.GetRequiredValue(_server);
        string from = parsed.GetRequiredValue(_from);
        string[] to = parsed.GetRequiredValue(_to);
        SmtpClientOptions options = await ClientOptionsAsync(parsed, output);
        ReadOnlyMemory<byte> message = parsed.GetValue(_file) is { } file
            ? await MessageFile.ReadAsync(file, _standardInput, cancellationToken)
            : ComposedMessage.Create(from, to, parsed.GetRequiredValue(_subject), parsed.GetRequiredValue(_body), options.ClientDomain);
        try
        {
            return await SendAsync(server, from, to, message, options, output, cancellationToken);
        }
        catch (Exception failure) when (ServerException.IsServerFailure(failure) || failure is NotSupportedException)
        {
            throw new ServerException(server, failure);
        }
    }

    private static async Task<int> SendAsync(
        ServerEndPoint server, string from, string[] to, ReadOnlyMemory<byte> message, SmtpClientOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using SmtpClient client = await SmtpClient.ConnectAsync(server.Host, server.Port, options, cancellationToken);
        SmtpSendResult result = await client.SendAsync(from, to, message, cancellationToken);
        foreach (SmtpRecipientResult refused in result.Refused)
        {
            await output.WriteLineAsync(refused.IsAccepted && refused.Delivery is null
                ? $"smtpgen: {refused.Address} not delivered: no reply after the data, the conversation ended first"
                : $"smtpgen: {refused.Address} refused: {refused.Delivery ?? refused.Reply}");
        }

        if (result.IsSent)
        {
            await output.WriteLineAsync($"smtpgen: sent to {result.Accepted.Count()} of {to.Length} recipient(s): {result.Reply}");
        }
        else
        {
            await output.WriteLineAsync("smtpgen: not sent: every recipient was refused");
        }

        // The result is told before QUIT: a message the server took is sent whatever becomes of QUIT, and
        // calling that a failure would make people send it again. A conversation the server already ended (it closed
        // after refusing every recipient) gets no QUIT.
        if (client.CanSend)
        {
            try
            {
                await client.QuitAsync(cancellationToken);
            }
            catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException)
            {
                await output.WriteLineAsync($"smtpgen: warning: QUIT failed after the message: {failure.Message}");
            }
        }

        return result.IsSent && !result.Refused.Any() ? 0 : 1;
    }

    /// <summary>
    /// The client's settings: its name, LMTP, TLS, AUTH with the password from the environment or standard input, BDAT,
    /// the transcript for -v, and --timeout for every wait when it is given.
    /// </summary>
    private async Task<SmtpClientOptions> ClientOptionsAsync(ParseResult parsed, TextWriter output)
    {
        var defaults = new SmtpClientOptions();
        TimeSpan? timeout = parsed.GetResult(_timeout) is null ? null : TimeSpan.FromSeconds(parsed.GetValue(_timeout));
        return new SmtpClientOptions
        {
            ClientDomain = parsed.GetRequiredValue(_helo),
            Transcript = parsed.GetValue(_verbose) ? new TextWriterTranscript(output) : null,
            Lmtp = parsed.GetValue(_lmtp),
            ConnectTimeout = timeout ?? defaults.ConnectTimeout,
            GreetingTimeout = timeout ?? defaults.GreetingTimeout,
            MailTimeout = timeout ?? defaults.MailTimeout,
            RcptTimeout = timeout ?? defaults.RcptTimeout,
            DataInitiationTimeout = timeout ?? defaults.DataInitiationTimeout,
            DataBlockTimeout = timeout ?? defaults.DataBlockTimeout,
            DataTerminationTimeout = timeout ?? defaults.DataTerminationTimeout,
            CommandTimeout = timeout ?? defaults.CommandTimeout,
            StartTls = _tls.StartTls(parsed),
            ImplicitTls = _tls.ImplicitTls(parsed),
            ServerCertificateChainPolicy = _tls.ServerCertificateChainPolicy(parsed),
            Credentials = parsed.GetValue(_user) is { } user ? new NetworkCredential(user, await ReadPasswordAsync()) : null,
            AllowInsecureAuth = parsed.GetValue(_allowInsecureAuth),
            UseChunking = parsed.GetValue(_chunking),
        };
    }

    /// <summary>The password of --user: from the environment, or the first line of standard input.</summary>
    /// <exception cref="InvalidOperationException">There is none.</exception>
    private async Task<string> ReadPasswordAsync()
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } password)
        {
            return password;
        }

        using var input = new StreamReader(_standardInput, leaveOpen: true);
        return await input.ReadLineAsync() is { Length: > 0 } line
            ? line
            : throw new InvalidOperationException($"--user needs a password: in {PasswordVariable}, or on the first line of standard input");
    }
}
