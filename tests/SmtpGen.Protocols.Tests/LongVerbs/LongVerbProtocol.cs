namespace SmtpGen.Protocols.Tests.LongVerbs;

/// <summary>
/// Verbs longer than 8 octets, as IMAP's (RFC 9051: CAPABILITY, AUTHENTICATE) and up to the 16 that generated
/// parsers dispatch on, beside short ones: the first 8 octets and the rest are compared as two packed integers.
/// Beside them, the other forms of a pattern: choices, escaped brackets and repeated captures.
/// </summary>
[LineProtocol("LONG")]
public static partial class LongVerbProtocol
{
    public enum State
    {
        Ready,
        [FinalState]
        Closed,
    }

    public enum Verb
    {
        [Command("CAPABILITY")]
        Capability,

        [Command("AUTHENTICATE {mechanism:Atom}")]
        Authenticate,

        [Command("UNAUTHENTICATE")]
        Unauthenticate,

        [Command("X-SIXTEEN-OCTETS[ {note:Atom}]")]
        Sixteen,

        [Command("NOOP")]
        Noop,

        [Command("LOGOUT", Then = State.Closed)]
        Logout,

        /// <summary>A choice of literal values, one of them named: <c>MODE STREAM</c>, <c>MODE C</c>.</summary>
        [Command("MODE {mode:STREAM|BLOCK|Compressed=C}")]
        Mode,

        /// <summary>Doubled, a brace or a bracket is literal text: <c>SET {42} [7]</c>.</summary>
        [Command("SET {{{number:Number}}}[ [[{index:Number}]]]")]
        Set,

        /// <summary>A repeated capture, as IMAP's <c>ENABLE SP capability *(SP capability)</c> (RFC 5161 §3.1).</summary>
        [Command("ENABLE {capabilities:Atom...}")]
        Enable,

        /// <summary>A repetition of a kind whose value is no ref struct, which a list can be formatted from: <c>SUM 1 2 3</c>.</summary>
        [Command("SUM[ {numbers:Number...}]")]
        Sum,

        /// <summary>A repetition of a choice: <c>FLAGS SEEN DELETED</c>.</summary>
        [Command("FLAGS {flags:SEEN|DELETED...}")]
        Flags,
    }
}
