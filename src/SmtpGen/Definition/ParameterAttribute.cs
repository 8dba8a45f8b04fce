namespace SmtpGen;

/// <summary>
/// Declares, on a member of the protocol's extension enum, a parameter that the extension lets commands carry
/// (SMTP: a MAIL or RCPT parameter, RFC 5321 §4.1.2). The pattern is the keyword alone (a flag, <c>"SMTPUTF8"</c>),
/// the keyword and a capture (<c>"SIZE={size:Octets}"</c>), or the keyword and the values it may take
/// (<c>"BODY={body:SevenBit=7BIT|EightBitMime=8BITMIME}"</c>).
/// </summary>
/// <param name="pattern">The parameter's syntax.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = true)]
public sealed class ParameterAttribute(string pattern) : Attribute
{
    /// <summary>The parameter's syntax, e.g. <c>"SIZE={size:Octets}"</c>.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>The commands that may carry it (members of the verb enum), each with a capture of parameters.</summary>
    public object[] Of { get; set; } = [];

    /// <summary>
    /// How many octets the parameter may add to the line of a command that carries it, its space included, as the
    /// extension's RFC says (RFC 1870: SIZE "increases the maximum length of a MAIL FROM command line by 26"). Each
    /// command's longest line is the protocol's <see cref="LineProtocolAttribute.MaxCommandLine"/> and what its
    /// parameters add; the generated parser takes a line up to that and writes it as <c>Max{Command}Line</c>.
    /// </summary>
    public int ExtendsLineBy { get; set; }
}
