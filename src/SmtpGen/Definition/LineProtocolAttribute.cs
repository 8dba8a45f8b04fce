namespace SmtpGen;

/// <summary>
/// Marks a <see langword="static"/> <see langword="partial"/> class as the definition of a line protocol.
/// The generator reads the class's nested enums by their role: the one whose members carry
/// <see cref="CommandAttribute"/> names the commands, the one whose members carry <see cref="ReplyAttribute"/>
/// names the fixed replies, and the states are <see cref="States"/> or else the one nested enum that is
/// neither (its first member is the state a session starts in).
/// </summary>
/// <remarks>
/// <para>
/// A definition may extend another one (<see cref="Extends"/>), from the same compilation or a referenced
/// assembly: it then has every command, state and reply of its base, and its own enums hold only what it adds.
/// The generator writes the whole protocol's enums (<c>Verb</c>, <c>State</c>, <c>Reply</c>) into the
/// extending definition; a member inherited from the base keeps the base's value there.
/// </para>
/// <para>
/// The attributes are kept in metadata (they are not <c>[Conditional]</c>) so that a definition compiled into
/// one assembly can be read again by the generator when another assembly builds on it.
/// </para>
/// </remarks>
/// <param name="name">The protocol's name, as used in diagnostics and in the state diagram (e.g. <c>"SMTP"</c>).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LineProtocolAttribute(string name) : Attribute
{
    /// <summary>The protocol's name.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The longest command line accepted, in octets, counting the verb, its arguments and the CRLF
    /// (RFC 5321 §4.5.3.1.4: 512). A longer line is <see cref="CommandStatus.LineTooLong"/>.
    /// </summary>
    public int MaxCommandLine { get; set; } = 512;

    /// <summary>The longest reply line accepted, in octets, including the CRLF (RFC 5321 §4.5.3.1.5: 512).</summary>
    public int MaxReplyLine { get; set; } = 512;

    /// <summary>
    /// Whether reply texts start with an RFC 3463 enhanced status code (<c>250 2.1.0 OK</c>), as SMTP servers
    /// that announce ENHANCEDSTATUSCODES (RFC 2034) do. Fixed replies may then carry a code, written only for
    /// clients told ENHANCEDSTATUSCODES, and the reply parser separates the code from the text.
    /// </summary>
    public bool EnhancedStatusCodes { get; set; }

    /// <summary>
    /// Whether 1yz "positive preliminary" replies exist (FTP's 150; RFC 5321 §4.2.1: not used in SMTP).
    /// Without it a reply code must lie in 200–599.
    /// </summary>
    public bool PreliminaryReplies { get; set; }

    /// <summary>
    /// Whether 1yz replies exist and are final: informative, as NNTP's are (RFC 3977 §3.2.1: <c>101 Capability list
    /// follows</c>, then the list), where FTP's preliminary ones (<see cref="PreliminaryReplies"/>) announce another reply.
    /// Reply codes then start at 100, and the state machine takes a 1yz reply as positive
    /// (<c>GetReplyOutcome(code)</c> says so; <see cref="ReplyCode.Outcome"/>, which knows no protocol, does not).
    /// Not with <see cref="PreliminaryReplies"/>.
    /// </summary>
    public bool InformativeReplies { get; set; }

    /// <summary>
    /// Whether a reply code's second digit may be any of 0–9, as NNTP's are (RFC 3977 §3.2: x8x for authentication and
    /// privacy, x9x for private use). Without it the second digit is 0–5 (RFC 5321 §4.2.1), and a reply line with
    /// another is a syntax error.
    /// </summary>
    public bool AnySecondDigit { get; set; }

    /// <summary>
    /// Whether a command line may end with spaces or tabs before its CRLF, which the parser then ignores (RFC 5321
    /// §4.1.1: "SMTP receivers SHOULD tolerate trailing white space before the terminating CRLF"): <c>RSET </c>,
    /// <c>MAIL FROM:&lt;a@example.com&gt; SIZE=1 </c>. After a verb alone the first must be a space, which ends the verb
    /// (<c>RSET\t</c> is no verb), and a <c>Text</c> capture, which takes the rest of the line, keeps them. The arguments
    /// of the extension lines a client reads (<c>250-AUTH PLAIN </c>) are read the same way. The writers write none.
    /// </summary>
    public bool TolerateTrailingWhiteSpace { get; set; }

    /// <summary>How the replies start: a numeric code (the default), a status token, or no replies at all.</summary>
    public ReplyForm Replies { get; set; } = ReplyForm.Numeric;

    /// <summary>How the lines of a multi-line reply are marked.</summary>
    public MultilineReplies MultilineReplies { get; set; } = MultilineReplies.CodeOnEveryLine;

    /// <summary>
    /// The definition this one extends, e.g. <c>typeof(SmtpProtocol)</c>: its commands, states, replies and
    /// settings are this protocol's too, less what <see cref="Removes"/> or a command's
    /// <see cref="CommandAttribute.Replaces"/> takes away. Settings given here override the base's.
    /// </summary>
    public Type? Extends { get; set; }

    /// <summary>
    /// The enum of the session's states (its first member is where a session starts). When not set, it is the
    /// one nested enum whose members carry neither <see cref="CommandAttribute"/> nor <see cref="ReplyAttribute"/>;
    /// in a definition that <see cref="Extends"/> another, such an enum adds states to the base's.
    /// </summary>
    public Type? States { get; set; }

    /// <summary>Commands of the base (<see cref="Extends"/>) that this protocol does not have, e.g. <c>[SmtpProtocol.Verb.Expn]</c>.</summary>
    public object[] Removes { get; set; } = [];
}
