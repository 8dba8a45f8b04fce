namespace SmtpGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one protocol definition: names, limits, states, commands and
/// replies. Strings, numbers and equatable arrays only, never a symbol or syntax node, so that an unchanged
/// definition compares equal and the generator's later steps stay cached.
/// </summary>
internal sealed record ProtocolModel(
    string Namespace,
    string TypeName,
    string ProtocolName,
    ProtocolOptions Options,
    string StateEnum,
    string VerbEnum,
    string? ReplyEnum,
    EquatableArray<string> States,
    EquatableArray<CommandModel> Commands,
    EquatableArray<ReplyModel> Replies,
    EquatableArray<CaptureModel> Captures)
{
    /// <summary>The fully qualified name of the definition type, for <c>cref</c>s and hint names.</summary>
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;
}

/// <summary>The settings of <c>[LineProtocol]</c>.</summary>
internal sealed record ProtocolOptions(
    int MaxCommandLine,
    int MaxReplyLine,
    bool EnhancedStatusCodes,
    bool PreliminaryReplies,
    string MultilineReplies);
