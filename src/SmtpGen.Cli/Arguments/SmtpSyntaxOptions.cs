using System.CommandLine;
using System.Text;
using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Cli;

/// <summary>
/// Options whose value goes into an SMTP command: a sender, recipients, a host's name. Each is checked by the
/// writer that will put it on the wire, so what the parser accepts is exactly what the client can send.
/// </summary>
internal static class SmtpSyntaxOptions
{
    private const string MailboxSyntax = "a mailbox, local-part@domain (RFC 5321 §4.1.2)";
    private const string RecipientSyntax = MailboxSyntax + " or Postmaster";

    /// <summary>A generated writer of one kind of capture, e.g. <see cref="ForwardPath.TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>.</summary>
    private delegate bool CaptureWriter(Span<byte> destination, ReadOnlySpan<byte> value, out int written);

    /// <summary>MAIL's sender: a mailbox, or "" for the null reverse path <c>&lt;&gt;</c>.</summary>
    public static Option<string> Sender(string name, string description, Func<string>? defaultValue = null) =>
        CheckedOption.Create(name, "ADDRESS", description, MailboxSyntax + " or \"\" for <>", Reads(ReversePath.TryWrite), defaultValue);

    /// <summary>RCPT's recipient: a mailbox, or Postmaster.</summary>
    public static Option<string> Recipient(string name, string description, Func<string>? defaultValue = null) =>
        CheckedOption.Create(name, "ADDRESS", description, RecipientSyntax, Reads(ForwardPath.TryWrite), defaultValue);

    /// <summary>Recipients, one per occurrence of the option (<c>--to a --to b</c>); at least one.</summary>
    public static Option<string[]> Recipients(string name, string description)
    {
        CheckedOption.Reader<string> read = Reads(ForwardPath.TryWrite);
        return new Option<string[]>(name)
        {
            HelpName = "ADDRESS",
            Description = description,
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                foreach (string text in result.Tokens.Select(token => token.Value))
                {
                    if (!read(text, out _))
                    {
                        result.AddError(CheckedOption.Mistake(name, RecipientSyntax, text));
                        return null;
                    }
                }

                return [.. result.Tokens.Select(token => token.Value)];
            },
        };
    }

    /// <summary>A host's own name, as EHLO and the greeting give it: a domain or an address literal.</summary>
    public static Option<string> HostName(string name, string description, Func<string> defaultValue) =>
        CheckedOption.Create(
            name, "NAME", description, "a domain or an address literal such as [192.0.2.1] (RFC 5321 §4.1.1.1)", Reads(DomainOrAddressLiteral.TryWrite), defaultValue);

    /// <summary>Reads a value that <paramref name="write"/> accepts and that fits in a command line.</summary>
    private static CheckedOption.Reader<string> Reads(CaptureWriter write) => (string text, out string value) =>
    {
        value = text;
        Span<byte> line = stackalloc byte[SmtpProtocol.MaxCommandLine];
        try
        {
            return write(line, Encoding.UTF8.GetBytes(text), out _);
        }
        catch (ArgumentException)
        {
            return false;
        }
    };
}
