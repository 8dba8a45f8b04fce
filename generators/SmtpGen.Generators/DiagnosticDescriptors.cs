using Microsoft.CodeAnalysis;

namespace SmtpGen.Generators;

/// <summary>
/// Every mistake a protocol definition can hold, one descriptor each. IDs are stable once shipped and
/// tracked in <c>AnalyzerReleases.*.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SmtpGen";

    public static readonly DiagnosticDescriptor DefinitionNotStaticPartial = Error(
        "SMTPGEN001",
        "A protocol definition must be a top-level static partial class",
        "The protocol definition '{0}' must be a top-level static partial class, not generic and not file-local");

    public static readonly DiagnosticDescriptor DuplicateVerb = Error(
        "SMTPGEN002",
        "Duplicate verb or extension keyword",
        "The {0} '{1}' is declared by both '{2}' and '{3}'");

    public static readonly DiagnosticDescriptor InvalidPattern = Error(
        "SMTPGEN003",
        "Invalid command pattern",
        "The pattern \"{0}\" is not valid: {1}");

    public static readonly DiagnosticDescriptor UnknownCaptureKind = Error(
        "SMTPGEN004",
        "Unknown capture kind",
        "The capture kind '{0}' is unknown: it must name a class of SmtpGen.Captures, or a class given by its full name, with static TryScan(ReadOnlySpan<byte>, scoped ref int, out T) and TryWrite(Span<byte>, T, out int) methods that the definition's assembly can call, T not nullable.{1}");

    public static readonly DiagnosticDescriptor CaptureKindMismatch = Error(
        "SMTPGEN005",
        "A capture name has two kinds",
        "The capture '{0}' is of kind {1} here but of kind {2} in '{3}': a name keeps one kind across the protocol");

    public static readonly DiagnosticDescriptor CommandInNoState = Error(
        "SMTPGEN006",
        "Command valid in no state",
        "{0}: list the states it may come in with In = [...]");

    public static readonly DiagnosticDescriptor UndeclaredState = Error(
        "SMTPGEN007",
        "Transition to an undeclared state",
        "'{0}' is not a state of the protocol '{1}'");

    public static readonly DiagnosticDescriptor UnreachableState = Warning(
        "SMTPGEN008",
        "Unreachable state",
        "The state '{0}' is never reached: it is not the first state and no command leads to it");

    public static readonly DiagnosticDescriptor ReplyCodeOutOfRange = Error(
        "SMTPGEN009",
        "Reply code out of range",
        "The reply code {0} is no reply code of this protocol: it lies in {1}–599, with {2}");

    public static readonly DiagnosticDescriptor InvalidEnhancedStatusCode = Error(
        "SMTPGEN010",
        "Enhanced status code does not fit the reply",
        "The enhanced status code '{0}' does not fit reply code {1}: {2}");

    public static readonly DiagnosticDescriptor MissingCommandPattern = Error(
        "SMTPGEN011",
        "Command without a pattern",
        "The command '{0}' has no [Command] pattern");

    public static readonly DiagnosticDescriptor NoCommands = Error(
        "SMTPGEN012",
        "Protocol without commands",
        "The protocol '{0}' declares no commands: add a nested enum whose members carry [Command(...)]");

    public static readonly DiagnosticDescriptor AmbiguousTransition = Error(
        "SMTPGEN013",
        "Two transitions from one state",
        "The command '{0}' has two transitions from the state '{1}'");

    public static readonly DiagnosticDescriptor IntermediateWithoutThen = Error(
        "SMTPGEN014",
        "Intermediate state without a final one",
        "The command '{0}' has an Intermediate state but no Then: the final reply after the intermediate exchange must lead somewhere");

    public static readonly DiagnosticDescriptor InvalidReplyText = Error(
        "SMTPGEN015",
        "Invalid reply text",
        "The text of the reply '{0}' must not hold a CR, LF or other control character (a tab may be there), nor be empty unless the reply is intermediate (3yz)");

    public static readonly DiagnosticDescriptor InvalidLineLimit = Error(
        "SMTPGEN016",
        "Invalid line limit",
        "{0} is {1}: it must lie between {2} and 65536 octets");

    public static readonly DiagnosticDescriptor DuplicateCapture = Error(
        "SMTPGEN017",
        "Capture named twice",
        "The name '{1}' in \"{0}\" is captured {2}");

    public static readonly DiagnosticDescriptor TooManyStates = Error(
        "SMTPGEN018",
        "Too many states",
        "The protocol '{0}' has {1} states: a protocol has at most 64");

    public static readonly DiagnosticDescriptor AmbiguousEnums = Error(
        "SMTPGEN019",
        "Two enums of one role",
        "The enums '{0}' and '{1}' both declare {2}: a protocol has one enum of each role");

    public static readonly DiagnosticDescriptor MissingReply = Error(
        "SMTPGEN020",
        "Reply without a code",
        "The reply '{0}' has no [Reply(...)] code and text");

    public static readonly DiagnosticDescriptor NoStates = Error(
        "SMTPGEN021",
        "Protocol without states",
        "The protocol '{0}' has no states{1}: add a nested enum of states, or name one with States = typeof(...)");

    public static readonly DiagnosticDescriptor InvalidBase = Error(
        "SMTPGEN022",
        "Base cannot be extended",
        "'{0}' cannot be extended: {1}");

    public static readonly DiagnosticDescriptor NotABaseCommand = Error(
        "SMTPGEN023",
        "Not a command of the base",
        "'{0}' is not a command of the base protocol: {1} names commands of the definition given by Extends{2}");

    public static readonly DiagnosticDescriptor NameTaken = Error(
        "SMTPGEN024",
        "Name taken by the generated code",
        "'{0}' is a name the generated code declares in '{1}' ({2}): rename it");

    public static readonly DiagnosticDescriptor CaptureNameCollision = Error(
        "SMTPGEN025",
        "Capture name collides with a generated name",
        "The capture '{0}' has the name that generated code gives to the flag that says whether the optional capture '{1}' was given: rename one of them");

    public static readonly DiagnosticDescriptor OptionalRefStruct = Error(
        "SMTPGEN026",
        "Optional capture with no way to be absent",
        "The capture '{0}' cannot be optional: its kind '{1}' gives a ref struct without an IsEmpty property, so a writer cannot be told it is not there");

    public static readonly DiagnosticDescriptor InheritedName = Error(
        "SMTPGEN027",
        "Name already in the base",
        "'{0}' is already a {1} of the base protocol: a command replaces it with Replaces = [...], a reply of that name replaces the base's, a state cannot be declared twice");

    public static readonly DiagnosticDescriptor MissingExtensionLine = Error(
        "SMTPGEN028",
        "Extension without a line",
        "The extension '{0}' has no [Extension(...)] line that announces it");

    public static readonly DiagnosticDescriptor ParameterWithoutCommand = Error(
        "SMTPGEN029",
        "Parameter of no command",
        "The parameter \"{0}\" is bound to no command with a capture of parameters (a capture of kind Parameters): {1}");

    public static readonly DiagnosticDescriptor DuplicateParameter = Error(
        "SMTPGEN030",
        "Parameter declared twice",
        "The command '{0}' has two parameters '{1}': keywords and the names they go by must differ");

    public static readonly DiagnosticDescriptor NotAnExtension = Error(
        "SMTPGEN031",
        "Not an extension of the protocol",
        "'{0}' is not an extension of the protocol '{1}'");

    public static readonly DiagnosticDescriptor UnreadableReference = Error(
        "SMTPGEN033",
        "Reference the generator cannot read",
        "'{0}' cannot be read while the definition is generated: in a definition that extends another, name the base's members (SmtpProtocol.State.Ready) or your own enum's, not the generated enums'");

    public static readonly DiagnosticDescriptor TaggedCommand = Error(
        "SMTPGEN034",
        "Tagged command lines are out of scope",
        "The pattern \"{0}\" starts with a capture: a tag before the verb (IMAP's \"tag SP command\") is not supported; a command line starts with its verb");

    public static readonly DiagnosticDescriptor InvalidStatus = Error(
        "SMTPGEN035",
        "Invalid status tokens",
        "The protocol's status tokens are not valid: {0}");

    public static readonly DiagnosticDescriptor ReplyOfAnotherForm = Error(
        "SMTPGEN036",
        "Reply of another form",
        "The reply '{0}' does not fit the protocol's replies: {1}");

    public static readonly DiagnosticDescriptor InvalidResponseBody = Error(
        "SMTPGEN037",
        "Response body that cannot come",
        "The response body '{0}' does not fit the command: {1}");

    public static readonly DiagnosticDescriptor ExtensionWithoutNumericReplies = Error(
        "SMTPGEN038",
        "Extension without numeric replies",
        "The extension '{0}' cannot be announced: its line is a line of a numeric multi-line reply, and the protocol's replies are ReplyForm.{1}");

    public static readonly DiagnosticDescriptor ExtensionOutOfRange = Error(
        "SMTPGEN032",
        "Extension value out of range",
        "The extension '{0}' has the value {1}: an extension is one bit of a set, so its value lies in 0–63");

    public static readonly DiagnosticDescriptor EnumLessAccessible = Error(
        "SMTPGEN039",
        "Enum less accessible than its definition",
        "The enum '{0}' can be seen only as {1}, and the definition '{2}' is {3}: the generated members that name the enum are as accessible as the definition, so make the enum, and any type it is nested in, {3}");

    public static readonly DiagnosticDescriptor DuplicateEnumValue = Error(
        "SMTPGEN040",
        "Two enum members of one value",
        "'{0}' and '{1}' of the enum '{2}' have the same value, {3}: each stands for a command, state, reply or extension of its own and needs a value of its own");

    public static readonly DiagnosticDescriptor KeywordName = Error(
        "SMTPGEN041",
        "A name that is a C# keyword",
        "The name '@{0}' is the C# keyword '{0}': the generated code names it without the @, so give it another name");

    public static readonly DiagnosticDescriptor ReplyLineTooLong = Error(
        "SMTPGEN042",
        "Reply longer than the protocol's reply lines",
        "The reply '{0}' makes a line of at least {1} octets, CRLF included, and the protocol's reply lines are at most {2} (MaxReplyLine): shorten its text, or raise the limit");

    public static readonly DiagnosticDescriptor FullNamesDifferInCase = Error(
        "SMTPGEN043",
        "Two definitions whose full names differ only in case",
        "The definition '{0}' has the full name of another but for case: the generated files are named after it, and their names are compared ignoring case, so nothing is generated for it; rename one of them");

    public static readonly DiagnosticDescriptor ValueOutsideEnum = Error(
        "SMTPGEN044",
        "A setting's value that is none of its enum's members",
        "{0} = {1} is none of the members of {2}: name one of them");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "SMTPGEN045",
        "C# too old for the generated code",
        "The code generated for '{0}' is C# 13, and this project compiles C# {1}: set LangVersion to 13 or later (the default of .NET 9 and later)");

    public static readonly DiagnosticDescriptor ObsoleteAsError = Error(
        "SMTPGEN046",
        "A member obsolete as an error",
        "'{0}' is [Obsolete] as an error: the generated code names it, which the compiler refuses; remove the member, or make it obsolete as a warning");

    public static readonly DiagnosticDescriptor CommandLineTooLong = Error(
        "SMTPGEN047",
        "Command longer than its lines",
        "The command '{0}' makes a line of at least {1} octets (its verb and literal text, CRLF included), and its lines are at most {2} ({3}): shorten its verb or pattern, or raise the limit");

    public static readonly DiagnosticDescriptor InvalidThenOnlyWith = Error(
        "SMTPGEN048",
        "ThenOnlyWith that cannot apply",
        "ThenOnlyWith = \"{0}\" cannot apply to '{1}': {2}");

    public static readonly DiagnosticDescriptor ContradictorySettings = Error(
        "SMTPGEN049",
        "Settings that contradict each other",
        "{0} and {1} cannot both be set: {2}; remove one");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    /// <summary>
    /// The repository's address, <c>RepositoryUrl</c> in <c>Directory.Build.props</c>: the generator cannot read MSBuild
    /// while it runs, so the address is repeated here once, and a test holds the two the same.
    /// </summary>
    private const string RepositoryUrl = "https://example.invalid/smtpgen";

    /// <summary>
    /// Each diagnostic's page: its section of <c>docs/diagnostics.md</c>, with an example and the fix, on the main branch
    /// of the repository (an absolute address, which an IDE can open from anywhere).
    /// </summary>
    private static string HelpLink(string id) => RepositoryUrl + "/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant();
}
