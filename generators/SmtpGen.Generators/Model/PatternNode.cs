namespace SmtpGen.Generators.Model;

/// <summary>What a node of a command pattern is.</summary>
internal enum PatternNodeKind
{
    /// <summary>Literal text, matched ASCII case-insensitively.</summary>
    Literal,

    /// <summary>A capture, scanned by its kind.</summary>
    Capture,

    /// <summary>An optional group: all of its nodes, or none.</summary>
    Optional,
}

/// <summary>
/// One node of a parsed pattern. Literals carry <see cref="Text"/>, captures <see cref="Capture"/> and
/// optional groups their <see cref="Children"/>; a capture's <see cref="Span"/> is where it stands in its pattern
/// string, for diagnostics about it.
/// </summary>
internal sealed record PatternNode(
    PatternNodeKind Kind,
    string Text,
    CaptureModel? Capture,
    EquatableArray<PatternNode> Children,
    PatternSpan Span)
{
    public static PatternNode Literal(string text) => new(PatternNodeKind.Literal, text, null, EquatableArray<PatternNode>.Empty, default);

    public static PatternNode ForCapture(CaptureModel capture, PatternSpan span) => new(PatternNodeKind.Capture, "", capture, EquatableArray<PatternNode>.Empty, span);

    public static PatternNode Optional(EquatableArray<PatternNode> children) => new(PatternNodeKind.Optional, "", null, children, default);
}

/// <summary>A stretch of a pattern string: where a diagnostic points.</summary>
internal readonly record struct PatternSpan(int Start, int Length);

/// <summary>A named capture and the kind that scans and writes it.</summary>
/// <param name="Name">The name as written, e.g. <c>reversePath</c>: the writer's parameter.</param>
/// <param name="Kind">The kind.</param>
internal sealed record CaptureModel(string Name, CaptureKindModel Kind)
{
    /// <summary>The property on the parsed command, e.g. <c>ReversePath</c>.</summary>
    public string PropertyName => char.ToUpperInvariant(Name[0]) + Name.Substring(1);
}

/// <summary>How the emitter tells, for an optional capture, whether a value is there to write.</summary>
internal enum Presence
{
    /// <summary>The value has an <c>IsEmpty</c> property (spans, ESMTP parameters): written when not empty.</summary>
    NotEmpty,

    /// <summary>Any other value type: the writer takes it as nullable and writes it when it has a value.</summary>
    Nullable,

    /// <summary>A reference type: the writer takes it as nullable and writes it when it is not null.</summary>
    Reference,

    /// <summary>A ref struct without <c>IsEmpty</c>: it cannot be nullable, so such a capture cannot be optional.</summary>
    None,
}

/// <summary>A capture kind: the class that scans and writes it and the type of its value.</summary>
/// <param name="Name">The kind as written in patterns, e.g. <c>ReversePath</c>.</param>
/// <param name="TypeName">The kind's class, fully qualified with <c>global::</c>.</param>
/// <param name="ValueType">The type of the captured value, fully qualified with <c>global::</c>.</param>
/// <param name="Presence">How an optional value is told present.</param>
/// <param name="Choices">For a choice of literal values (<c>{mode:STREAM|BLOCK}</c>), the values; its class is generated.</param>
/// <param name="IsRefLike">Whether the value type is a ref struct, which cannot be an element of a span.</param>
/// <param name="Element">For a repetition (<c>{keys:Atom...}</c>), the kind of one value; the list type, generated, is then both kind and value.</param>
/// <param name="NamesArgument">Whether the kind's <c>TryWrite</c> takes the name its <see cref="System.ArgumentException"/> gives the value, a fourth argument: a writer passes its parameter's.</param>
internal sealed record CaptureKindModel(
    string Name,
    string TypeName,
    string ValueType,
    Presence Presence,
    EquatableArray<string> Choices = default,
    bool IsRefLike = false,
    CaptureKindModel? Element = null,
    bool NamesArgument = false)
{
    /// <summary>
    /// The type a command keeps the value as, and a scan declares it: a reference type as nullable, since a command
    /// that did not capture it (another command, an optional group not given) has none.
    /// </summary>
    public string HeldType => Presence == Presence.Reference ? ValueType + "?" : ValueType;
}

/// <summary>A repeated capture, generated as <c>{PropertyName}List</c>: one or more values of <see cref="Element"/> separated by spaces.</summary>
internal sealed record ListModel(string PropertyName, CaptureKindModel Element);

/// <summary>A choice of literal values, generated as <c>{PropertyName}Values</c>: the values and the names they go by.</summary>
internal sealed record ChoiceModel(string PropertyName, EquatableArray<string> Values, EquatableArray<string> Names);
