using System.Buffers;
using SmtpServer.Protocol;

namespace SmtpGen.Benchmarks.Peers;

/// <summary>
/// SmtpServer 11.1's command parser through its public API, driven as its session does: the pipe's line reader
/// finds the CRLF and hands the line without it, as a <see cref="ReadOnlySequence{T}"/>, to
/// <see cref="SmtpParser.TryMake"/>, which tokenises it and builds a command object (strings, an <c>IMailbox</c>,
/// a parameter dictionary for MAIL). The CRLF search is not part of what is measured here, so SmtpServer is spared
/// the framing check the generated parser makes.
/// </summary>
public sealed class SmtpServerCommandParser
{
    private readonly SmtpParser _parser = new(new SmtpCommandFactory());

    /// <summary>The line as SmtpServer's <c>ReadLineAsync</c> hands it to the parser: without its CRLF.</summary>
    public static ReadOnlySequence<byte> AsReceived(byte[] line) => new(line.AsMemory(0, line.Length - 2));

    /// <summary>Parses one line and hands back its argument as text (the domain, or the mailbox of a path), for checking.</summary>
    public bool TryParse(ReadOnlySequence<byte> line, out string? argument)
    {
        bool ok = _parser.TryMake(ref line, out SmtpCommand command, out _);
        argument = command switch
        {
            EhloCommand ehlo => ehlo.DomainOrAddress,
            HeloCommand helo => helo.DomainOrAddress,
            MailCommand mail => mail.Address.User + "@" + mail.Address.Host,
            RcptCommand rcpt => rcpt.Address.User + "@" + rcpt.Address.Host,
            _ => null,
        };
        return ok;
    }

    /// <summary>Parses one line and reads what the command carries, without building strings the parser did not.</summary>
    public int ParseAndRead(ReadOnlySequence<byte> line)
    {
        if (!_parser.TryMake(ref line, out SmtpCommand command, out SmtpResponse errorResponse))
        {
            return (int)errorResponse.ReplyCode;
        }

        return command switch
        {
            EhloCommand ehlo => ehlo.DomainOrAddress.Length,
            HeloCommand helo => helo.DomainOrAddress.Length,
            MailCommand mail => mail.Address.User.Length + mail.Address.Host.Length + mail.Parameters.Count,
            RcptCommand rcpt => rcpt.Address.User.Length + rcpt.Address.Host.Length,
            _ => command.Name.Length,
        };
    }
}
