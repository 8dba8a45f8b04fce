using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

/// <summary>
/// The service extensions a server announced in its reply to EHLO (RFC 5321 §4.1.1.1): one line per extension,
/// a keyword and its parameters. Those the SMTP definition declares are read into its typed
/// <see cref="SmtpProtocol.Capabilities"/>; every keyword, known or not, can be looked up by name. After a HELO
/// fallback there are none.
/// </summary>
public sealed class SmtpCapabilities
{
    private readonly Dictionary<string, string> _extensions;
    private readonly SmtpProtocol.Capabilities _declared;

    private SmtpCapabilities(bool isExtended, Dictionary<string, string> extensions, SmtpProtocol.Capabilities declared, IReadOnlyList<string> lines)
    {
        IsExtended = isExtended;
        _extensions = extensions;
        _declared = declared;
        Lines = lines;
    }

    /// <summary>The capabilities of a server greeted with HELO: no extensions.</summary>
    internal static SmtpCapabilities None { get; } = new(isExtended: false, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), new SmtpProtocol.Capabilities(), []);

    /// <summary>
    /// The lines that announced the extensions, as sent, e.g. <c>SIZE 10240000</c>: for a definition that extends
    /// SMTP to read into its own generated <c>Capabilities</c>.
    /// </summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Whether the server accepted EHLO; false after a fallback to HELO.</summary>
    public bool IsExtended { get; }

    /// <summary>The keywords announced, as sent, without their parameters.</summary>
    public IReadOnlyCollection<string> Keywords => _extensions.Keys;

    /// <summary>The extensions of the SMTP definition that the server announced.</summary>
    public SmtpProtocol.Extensions Announced => _declared.Announced;

    /// <summary>PIPELINING (RFC 2920): commands may be sent in batches.</summary>
    public bool Pipelining => Has(SmtpProtocol.Extension.Pipelining);

    /// <summary>8BITMIME (RFC 6152): <c>BODY=8BITMIME</c> messages are accepted.</summary>
    public bool EightBitMime => Has(SmtpProtocol.Extension.EightBitMime);

    /// <summary>ENHANCEDSTATUSCODES (RFC 2034): replies carry RFC 3463 codes.</summary>
    public bool EnhancedStatusCodes => Has(SmtpProtocol.Extension.EnhancedStatusCodes);

    /// <summary>SMTPUTF8 (RFC 6531): UTF-8 addresses and headers are accepted.</summary>
    public bool SmtpUtf8 => Has(SmtpProtocol.Extension.SmtpUtf8);

    /// <summary>CHUNKING (RFC 3030): BDAT is accepted.</summary>
    public bool Chunking => Has(SmtpProtocol.Extension.Chunking);

    /// <summary>BINARYMIME (RFC 3030 §3): a message of any octets is accepted with <c>BODY=BINARYMIME</c> and BDAT.</summary>
    public bool BinaryMime => Has(SmtpProtocol.Extension.BinaryMime);

    /// <summary>STARTTLS (RFC 3207): the client may secure the session.</summary>
    public bool StartTls => Has(SmtpProtocol.Extension.StartTls);

    /// <summary>SIZE (RFC 1870) was announced, with or without a limit.</summary>
    public bool Size => Has(SmtpProtocol.Extension.Size);

    /// <summary>The SASL mechanisms of the AUTH line (RFC 4954), as the server named them; empty when it offers no AUTH.</summary>
    public IReadOnlyList<string> AuthMechanisms => _declared.Mechanisms ?? [];

    /// <summary>The largest message the server accepts (RFC 1870 <c>SIZE n</c>), or null when it named no limit (none, or 0).</summary>
    public long? MaxMessageSize => _declared.MaxSize is > 0 ? _declared.MaxSize : null;

    /// <summary>Whether the server announced an extension of the SMTP definition.</summary>
    /// <param name="extension">The extension.</param>
    /// <returns>Whether it was announced.</returns>
    public bool Has(SmtpProtocol.Extension extension) => _declared.Has(extension);

    /// <summary>Whether the server announced an extension, declared in the SMTP definition or not.</summary>
    /// <param name="keyword">The EHLO keyword, in any case.</param>
    /// <returns>Whether it was announced.</returns>
    public bool Supports(string keyword) => _extensions.ContainsKey(keyword);

    /// <summary>The parameters announced with an extension, e.g. <c>"10240000"</c> for <c>SIZE 10240000</c>.</summary>
    /// <param name="keyword">The EHLO keyword, in any case.</param>
    /// <param name="parameters">The text after the keyword and its space; empty when there is none.</param>
    /// <returns>Whether the extension was announced.</returns>
    public bool TryGetParameters(string keyword, out string parameters)
    {
        bool found = _extensions.TryGetValue(keyword, out string? value);
        parameters = value ?? "";
        return found;
    }

    /// <summary>
    /// Reads the reply to EHLO: <c>ehlo-ok-rsp</c> (RFC 5321 §4.1.1.1), the greeting on the first line and one
    /// <c>ehlo-line = ehlo-keyword *( SP ehlo-param )</c> on each line after it.
    /// </summary>
    internal static SmtpCapabilities FromEhloReply(SmtpReply reply)
    {
        var extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var declared = new SmtpProtocol.Capabilities();
        foreach (string line in reply.Lines.Skip(1))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string keyword = space < 0 ? line : line[..space];
            if (keyword.Length > 0)
            {
                extensions.TryAdd(keyword, space < 0 ? "" : line[(space + 1)..].Trim());
                declared.TryAdd(Encoding.UTF8.GetBytes(line));
            }
        }

        return new SmtpCapabilities(isExtended: true, extensions, declared, [.. reply.Lines.Skip(1)]);
    }
}
