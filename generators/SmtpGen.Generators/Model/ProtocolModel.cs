using System.Collections.Generic;

namespace SmtpGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one protocol definition: names, limits, states, commands and
/// replies. Strings, numbers and equatable arrays only, never a symbol or syntax node, so that an unchanged
/// definition compares equal and the generator's later steps stay cached. <c>BaseName</c> is the definition this
/// one extends (with <c>global::</c>), or null; the enum names are as generated code writes them (<c>ReplyEnum</c>
/// is null without fixed replies); <c>GeneratedEnums</c> are those a definition that extends another writes, the
/// base's members and its own. <c>ExtensionEnum</c> names the enum of service extensions (null without any).
/// </summary>
internal sealed record ProtocolModel(
    string Namespace,
    string TypeName,
    string ProtocolName,
    string? BaseName,
    ProtocolOptions Options,
    string StateEnum,
    string VerbEnum,
    string? ReplyEnum,
    EquatableArray<string> States,
    EquatableArray<CommandModel> Commands,
    EquatableArray<ReplyModel> Replies,
    EquatableArray<CaptureModel> Captures,
    EquatableArray<EnumModel> GeneratedEnums,
    string? ExtensionEnum,
    EquatableArray<ExtensionModel> Extensions,
    EquatableArray<CommandParametersModel> CommandParameters,
    EquatableArray<ChoiceModel> Choices,
    EquatableArray<ListModel> Lists,
    EquatableArray<StatusModel> Statuses)
{
    /// <summary>The fully qualified name of the definition type, for <c>cref</c>s and hint names.</summary>
    public string FullName => Namespace.Length == 0 ? TypeName : Namespace + "." + TypeName;

    /// <summary>
    /// The longest line of <paramref name="command"/>, CRLF included: the protocol's <c>MaxCommandLine</c> and what
    /// each parameter an extension lets it carry may add (RFC 1870's 26 octets for SIZE on MAIL).
    /// </summary>
    public int MaxLineOf(CommandModel command) => MaxLineOf(Options, CommandParameters, command.Member);

    /// <summary>The longest line of the command <paramref name="member"/>, given the protocol's settings and its commands' parameters.</summary>
    public static int MaxLineOf(ProtocolOptions options, IEnumerable<CommandParametersModel> commandParameters, string member)
    {
        int length = options.MaxCommandLine;
        foreach (CommandParametersModel parameters in commandParameters)
        {
            if (parameters.Command == member)
            {
                foreach (ParameterModel parameter in parameters.Parameters)
                {
                    length += parameter.ExtendsLineBy;
                }
            }
        }

        return length;
    }

    /// <summary>The longest line of any command: what a reader takes before it knows the verb.</summary>
    public int LongestCommandLine
    {
        get
        {
            int longest = Options.MaxCommandLine;
            foreach (CommandModel command in Commands)
            {
                longest = System.Math.Max(longest, MaxLineOf(command));
            }

            return longest;
        }
    }
}

/// <summary>The settings of <c>[LineProtocol]</c>.</summary>
internal sealed record ProtocolOptions(
    int MaxCommandLine,
    int MaxReplyLine,
    bool EnhancedStatusCodes,
    bool PreliminaryReplies,
    string MultilineReplies,
    string ReplyForm = "Numeric",
    bool TolerateTrailingWhiteSpace = false,
    bool AnySecondDigit = false,
    bool InformativeReplies = false)
{
    /// <summary>Whether 1yz codes exist, preliminary or informative: codes then start at 100.</summary>
    public bool HasOneYzReplies => PreliminaryReplies || InformativeReplies;

    public bool HasStatusReplies => ReplyForm == "Status";

    public bool HasReplies => ReplyForm != "None";
}

/// <summary>A status token of a protocol whose replies start with one, and what it says.</summary>
internal sealed record StatusModel(string Token, string Outcome);

/// <summary>An enum the generator writes, with its doc summary and members.</summary>
internal sealed record EnumModel(string Name, string Summary, EquatableArray<EnumMemberModel> Members);

/// <summary>
/// A member of a generated enum: its name, its value, its doc summary, and the member it comes from (fully
/// qualified with <c>global::</c>), whose own docs say more.
/// </summary>
internal sealed record EnumMemberModel(string Name, long Value, string Summary, string Origin);
