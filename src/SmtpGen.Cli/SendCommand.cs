using System.Globalization;
using System.Net;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen send</c>: sends one message with the SMTP client and says what became of each recipient.</summary>
internal static class SendCommand
{
    public const string Usage =
        "smtpgen send --server HOST[:PORT] --from ADDRESS --to ADDRESS [--to ADDRESS ...]\n"
        + "              (--subject TEXT --body TEXT | --file MESSAGE.eml) [--helo NAME] [--lmtp] [-v]";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = new ParsedArguments(arguments, ["--server", "--from", "--to", "--subject", "--body", "--file", "--helo"], ["-v", "--lmtp"]);
        (string host, int port) = ServerAddress.Parse(parsed.Required("--server"));
        string from = parsed.Required("--from");
        IReadOnlyList<string> to = parsed.All("--to");
        if (to.Count == 0)
        {
            throw new UsageException("--to is required");
        }

        string? file = parsed.Get("--file");
        if (file is not null && (parsed.Has("--subject") || parsed.Has("--body")))
        {
            throw new UsageException("--file holds the whole message: give it or --subject and --body, not both");
        }

        var options = new SmtpClientOptions
        {
            ClientDomain = parsed.Get("--helo", Dns.GetHostName())!,
            Transcript = parsed.Has("-v") ? new TextWriterTranscript(output) : null,
            Lmtp = parsed.Has("--lmtp"),
        };
        ReadOnlyMemory<byte> composed = file is null
            ? ComposedMessage.Create(from, to, parsed.Required("--subject"), parsed.Required("--body"), options.ClientDomain)
            : default;
        await using FileStream? messageFile = file is null ? null : OpenMessage(file);
        await using SmtpClient client = await SmtpClient.ConnectAsync(host, port, options, cancellationToken);
        SmtpSendResult result = messageFile is not null
            ? await client.SendAsync(from, to, messageFile, cancellationToken)
            : await client.SendAsync(from, to, composed, cancellationToken);
        foreach (SmtpRecipientResult refused in result.Refused)
        {
            await output.WriteLineAsync($"smtpgen: {refused.Address} refused: {refused.Delivery ?? refused.Reply}");
        }

        if (result.IsSent)
        {
            await output.WriteLineAsync($"smtpgen: sent to {result.Accepted.Count()} of {to.Count} recipient(s): {result.Reply}");
        }
        else
        {
            await output.WriteLineAsync("smtpgen: not sent: every recipient was refused");
        }

        // The result is told before QUIT: a message the server took is sent whatever becomes of QUIT, and
        // calling that a failure would make people send it again.
        try
        {
            await client.QuitAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException)
        {
            await output.WriteLineAsync($"smtpgen: warning: QUIT failed after the message: {failure.Message}");
        }

        return result.IsSent && !result.Refused.Any() ? 0 : 1;
    }

    private static FileStream OpenMessage(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"--file '{path}' does not exist");
        }
    }
}
