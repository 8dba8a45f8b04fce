namespace SmtpGen.Generators.Model;

/// <summary>One command: the verb enum member, its pattern and where it may come and lead.</summary>
/// <param name="Member">The verb enum member, e.g. <c>Mail</c>.</param>
/// <param name="Pattern">The pattern as written, for comments and docs.</param>
/// <param name="Verb">The verb in upper case, e.g. <c>MAIL</c>.</param>
/// <param name="Tail">What follows the verb.</param>
/// <param name="Transitions">The command's transitions; the first is the one on <c>[Command]</c>.</param>
/// <param name="Intermediate">The state after a positive intermediate reply, if any.</param>
/// <param name="Body">When a positive reply has a dot-terminated body, the <c>ResponseBody</c> member that says so; null when never.</param>
/// <param name="Extension">The extension that brings the command, if any: it is a command only where that is offered.</param>
/// <param name="IsInherited">Whether the command is the base's, unchanged (in a definition that extends another).</param>
/// <param name="ThenOnlyWith">The optional capture without which a positive reply leaves the state (BDAT's <c>{last}</c>); null when there is none.</param>
internal sealed record CommandModel(
    string Member,
    string Pattern,
    string Verb,
    EquatableArray<PatternNode> Tail,
    EquatableArray<TransitionModel> Transitions,
    string? Intermediate,
    string? Body,
    string? Extension,
    bool IsInherited,
    CaptureModel? ThenOnlyWith = null)
{
    /// <summary>
    /// The verb as the pattern spells it, which the writer sends: SMTP's <c>MAIL</c>, memcached's <c>get</c> (whose
    /// server refuses <c>GET</c>). The parser matches the verb in any case.
    /// </summary>
    public string WrittenVerb => Pattern.Substring(0, Verb.Length);

    /// <summary>The state after a positive completion reply from the command's main transition.</summary>
    public string? Then => Transitions.Count == 0 ? null : Transitions[0].Then;
}

/// <summary>
/// From any state of <paramref name="In"/>, a positive completion reply leads to <paramref name="Then"/> and a negative
/// one to <paramref name="Else"/> (each: unchanged when null).
/// </summary>
internal sealed record TransitionModel(EquatableArray<string> In, string? Then, string? Else);

/// <summary>
/// A reply: the reply enum member, its code, its enhanced status code and its text. A text with captures
/// (<c>{domain} Service ready</c>) has them in <see cref="Template"/> and is written by a generated writer; a
/// text without is a fixed reply, preformatted once.
/// A status reply (POP3's) has its token in <see cref="Status"/> and no code.
/// </summary>
internal sealed record ReplyModel(string Member, int Code, string? EnhancedStatusCode, string Text, EquatableArray<PatternNode> Template, string? Status = null)
{
    public bool IsFixed => Template.Count == 0;

    /// <summary>The reply as the wire shows it, without CRLF: <c>250 2.1.0 OK</c>, <c>+OK 2 320</c>.</summary>
    public string WireText => Status is not null
        ? (Text.Length == 0 ? Status : Status + " " + Text)
        : $"{Code} {EnhancedStatusCode}{(EnhancedStatusCode is null ? "" : " ")}{Text}";
}
