using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>
/// A definition as the parser reads it, with its base's members merged in. It holds symbols and attributes, so
/// it lives only while one definition is parsed; the emitter gets the <see cref="ProtocolModel"/> made from it.
/// </summary>
internal sealed class Definition(INamedTypeSymbol type, string protocolName, Definition? @base)
{
    public INamedTypeSymbol Type { get; } = type;

    public string ProtocolName { get; } = protocolName;

    /// <summary>The definition this one extends, read whole (its own bases merged in).</summary>
    public Definition? Base { get; } = @base;

    public ProtocolOptions Options { get; set; } = new(512, 512, false, false, "CodeOnEveryLine");

    /// <summary>The states of the protocol, the base's first; the first of all is where a session starts.</summary>
    public List<StateDraft> States { get; } = new();

    /// <summary>The members of the protocol's verb enum, valid commands or not, in order.</summary>
    public List<EnumMemberModel> VerbMembers { get; } = new();

    /// <summary>The commands that were read without error, in the order of <see cref="VerbMembers"/>.</summary>
    public List<CommandDraft> Commands { get; } = new();

    public List<ReplyDraft> Replies { get; } = new();

    /// <summary>The status tokens of a protocol whose replies start with one, the base's first.</summary>
    public List<StatusModel> Statuses { get; } = new();

    /// <summary>The service extensions, the base's first.</summary>
    public List<ExtensionDraft> Extensions { get; } = new();

    /// <summary>The parameters the extensions bring, by command, once the commands are known.</summary>
    public List<CommandParametersModel> CommandParameters { get; } = new();

    /// <summary>The enums whose members a reference to an extension (<c>Extension = ...</c>) may name.</summary>
    public HashSet<ISymbol> ExtensionEnums { get; } = new(SymbolEqualityComparer.Default);

    public INamedTypeSymbol? ExtensionEnum { get; set; }

    /// <summary>The enums whose members a state reference may name: this definition's and its bases'.</summary>
    public HashSet<ISymbol> StateEnums { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The enums whose members a reference to a command (Replaces, Removes) may name.</summary>
    public HashSet<ISymbol> VerbEnums { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The definition's own enums, when it declares them.</summary>
    public INamedTypeSymbol? StateEnum { get; set; }

    public INamedTypeSymbol? VerbEnum { get; set; }

    public INamedTypeSymbol? ReplyEnum { get; set; }

    /// <summary>
    /// Whether the definition was read without error and with every attribute argument bound, its bases too:
    /// only then do checks over the whole machine (unreachable states) say something true.
    /// </summary>
    public bool IsWhole { get; set; } = true;

    /// <summary>Whether the enums are generated: a definition that extends another writes the whole protocol's.</summary>
    public bool Extends => Base is not null;
}

/// <summary>
/// A state: its name, its value in the state enum, whether the session is over there, and its enum member where
/// the definition being parsed declares it (null for a base's state).
/// </summary>
internal sealed record StateDraft(string Name, long Value, bool IsFinal, IFieldSymbol? Field, string Origin);

/// <summary>A command as read, before its default states are known.</summary>
internal sealed class CommandDraft(string member, long value, string pattern, string verb, EquatableArray<PatternNode> tail)
{
    public string Member { get; } = member;

    public long Value { get; set; } = value;

    public string Pattern { get; } = pattern;

    public string Verb { get; } = verb;

    public EquatableArray<PatternNode> Tail { get; } = tail;

    /// <summary>The transition of <c>[Command]</c> first, then one per <c>[Transition]</c>.</summary>
    public List<TransitionDraft> Transitions { get; set; } = new();

    public string? Intermediate { get; set; }

    /// <summary>The <c>ResponseBody</c> member of <c>Body</c>; null when not set.</summary>
    public string? Body { get; set; }

    /// <summary>The extension that brings the command, by member name.</summary>
    public string? Extension { get; set; }

    /// <summary>The optional capture without which a positive reply leaves the state (<c>ThenOnlyWith</c>); null when there is none.</summary>
    public CaptureModel? ThenOnlyWith { get; set; }

    /// <summary>The base's commands this one takes the place of, by member name.</summary>
    public List<string> Replaces { get; } = new();

    /// <summary>The <c>[Command]</c> attribute, where the definition being parsed declares the command; null for a base's, inherited unchanged.</summary>
    public AttributeData? Attribute { get; set; }

    /// <summary>A copy for an extending definition, which settles the states of the base's commands anew.</summary>
    public CommandDraft Clone() => new(Member, Value, Pattern, Verb, Tail)
    {
        Transitions = Transitions.ConvertAll(static t => t.Clone()),
        Intermediate = Intermediate,
        Body = Body,
        Extension = Extension,
        ThenOnlyWith = ThenOnlyWith,
    };

    public CommandModel ToModel() => new(
        Member,
        Pattern,
        Verb,
        Tail,
        Transitions.ConvertAll(static t => new TransitionModel((t.In ?? new List<string>()).ToEquatableArray(), t.Then, t.Else)).ToEquatableArray(),
        Intermediate,
        Body is null or "None" ? null : Body,
        Extension,
        IsInherited: Attribute is null,
        ThenOnlyWith);
}

/// <summary>From the states of <see cref="In"/> (null: the default states), a positive completion reply leads to <see cref="Then"/>.</summary>
internal sealed class TransitionDraft(List<string>? @in, string? then, AttributeData? attribute)
{
    public List<string>? In { get; set; } = @in;

    public string? Then { get; set; } = then;

    /// <summary>The state a negative reply leads to; null: the state stays.</summary>
    public string? Else { get; set; }

    /// <summary>Where it is declared, in the definition being parsed; null for a base's.</summary>
    public AttributeData? Attribute { get; } = attribute;

    /// <summary>Whether <c>In</c> was not given, so that the default states apply (settled again in an extending definition).</summary>
    public bool IsDefault { get; set; }

    public TransitionDraft Clone() => new(In is null ? null : new List<string>(In), Then, attribute: null) { IsDefault = IsDefault, Else = Else };
}

/// <summary>
/// A member of the extension enum, its value, the extension it declares (null when that has a mistake), and
/// the parameters it brings with the commands that carry them, still to be bound to them.
/// </summary>
internal sealed class ExtensionDraft(string member, long value, ExtensionModel? model, string origin)
{
    public string Member { get; } = member;

    public long Value { get; } = value;

    public ExtensionModel? Model { get; } = model;

    public string Origin { get; } = origin;

    public List<(ParameterModel Parameter, ImmutableArray<TypedConstant> Of, AttributeData Attribute)> Parameters { get; } = new();
}

/// <summary>A member of the reply enum, its value, and the fixed reply it declares (null when that has a mistake).</summary>
internal sealed record ReplyDraft(string Member, long Value, ReplyModel? Model, string Origin);
