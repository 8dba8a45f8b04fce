using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>A pattern node before its capture kinds are resolved against the compilation.</summary>
internal sealed class PatternSyntaxNode
{
    public PatternSyntaxNode(string literal, PatternSpan span)
    {
        Literal = literal;
        Span = span;
    }

    public PatternSyntaxNode(string captureName, string captureKind, PatternSpan span, PatternSpan kindSpan)
    {
        CaptureName = captureName;
        CaptureKind = captureKind;
        Span = span;
        KindSpan = kindSpan;
    }

    public PatternSyntaxNode(List<PatternSyntaxNode> children) => Children = children;

    public string? Literal { get; }

    public string? CaptureName { get; }

    public string? CaptureKind { get; }

    public List<PatternSyntaxNode>? Children { get; }

    /// <summary>Whether the capture repeats (<c>{keys:Atom...}</c>): one or more values separated by single spaces.</summary>
    public bool Repeated { get; init; }

    /// <summary>A choice's values (<c>{mode:STREAM|BLOCK}</c>), and the names they go by; null for any other capture.</summary>
    public List<string>? Choices { get; init; }

    public List<string>? ChoiceNames { get; init; }

    /// <summary>Where a capture (braces included) or a literal stands in the pattern.</summary>
    public PatternSpan Span { get; }

    /// <summary>Where a capture's kind stands in the pattern (its name when the kind is implied).</summary>
    public PatternSpan KindSpan { get; }
}

/// <summary>The verb and the nodes after it, or the reason the pattern is not valid.</summary>
internal sealed class PatternSyntax
{
    public string Verb { get; set; } = "";

    public List<PatternSyntaxNode> Tail { get; } = new();

    public string? Error { get; set; }

    /// <summary>Where in the pattern the error is.</summary>
    public PatternSpan ErrorSpan { get; set; }

    /// <summary>Whether the pattern starts with a capture, a tag before the verb (IMAP's), which is out of scope.</summary>
    public bool IsTagged { get; set; }

    /// <summary>A parameter's values to choose from, and the name they go by (empty and null for other patterns).</summary>
    public List<string> Choices { get; } = new();

    /// <summary>The names the values go by in generated code, one a value.</summary>
    public List<string> ChoiceNames { get; } = new();

    public string? CaptureName { get; set; }
}

/// <summary>
/// Parses a command pattern such as <c>MAIL FROM:{reversePath}[ {parameters}]</c>: a verb, then literals,
/// captures <c>{name}</c> or <c>{name:Kind}</c>, repeated captures <c>{name:Kind...}</c> and optional groups <c>[...]</c>. An error names the stretch of
/// the pattern it is about, so that the diagnostic points at that token and not at the whole string.
/// </summary>
internal static class PatternParser
{
    /// <summary>Verbs are dispatched as at most two packed 64-bit integers (<c>CommandLine.MaxVerbLength</c>), so at most 16 octets.</summary>
    public const int MaxVerbLength = 16;

    /// <summary>Parses a pattern: a verb (or a keyword, of at most <paramref name="maxVerbLength"/> octets) and what follows it.</summary>
    public static PatternSyntax Parse(string pattern, int maxVerbLength = MaxVerbLength)
    {
        var result = new PatternSyntax();
        if (pattern.StartsWith("{", StringComparison.Ordinal) && !pattern.StartsWith("{{", StringComparison.Ordinal))
        {
            // IMAP's "tag SP command": a capture before the verb, which generated parsers do not dispatch on.
            int close = pattern.IndexOf('}');
            result.IsTagged = true;
            result.ErrorSpan = new PatternSpan(0, close < 0 ? 1 : close + 1);
            return result;
        }

        int position = 0;
        while (position < pattern.Length && IsVerbChar(pattern[position]))
        {
            position++;
        }

        result.Verb = pattern.Substring(0, position).ToUpperInvariant();
        int verbEnd = position;
        (string Message, PatternSpan Span)? error = CheckVerb(pattern, position, result.Verb, maxVerbLength)
            ?? ParseSequence(pattern, ref position, result.Tail, nested: false)
            ?? CheckAfterVerb(result.Tail, verbEnd)
            ?? CheckSequence(result.Tail)
            ?? CheckEnd(result.Tail)
            ?? CheckRepetitions(result.Tail);
        if (error is { } found)
        {
            result.Error = found.Message;
            result.ErrorSpan = found.Span;
        }

        return result;
    }

    private static (string, PatternSpan)? CheckVerb(string pattern, int end, string verb, int maxVerbLength)
    {
        if (verb.Length == 0)
        {
            return ("it must start with a verb (letters, digits and '-')", new PatternSpan(0, pattern.Length == 0 ? 0 : 1));
        }

        if (verb.Length > maxVerbLength)
        {
            return ($"the verb '{verb}' is longer than {maxVerbLength} characters", new PatternSpan(0, end));
        }

        if (end < pattern.Length && pattern[end] != ' ' && pattern[end] != '[')
        {
            return ($"the verb must be followed by a space, not '{pattern[end]}'", new PatternSpan(end, 1));
        }

        return null;
    }

    private static (string, PatternSpan)? ParseSequence(string pattern, ref int position, List<PatternSyntaxNode> nodes, bool nested)
    {
        var literal = new StringBuilder();
        int literalStart = position;
        while (position < pattern.Length)
        {
            char c = pattern[position];
            if (c is '{' or '}' or '[' or ']' && position + 1 < pattern.Length && pattern[position + 1] == c)
            {
                // Doubled, a bracket is literal text: "{{" is "{".
                literal.Append(c);
                position += 2;
                continue;
            }

            switch (c)
            {
                case '{':
                    Flush(literal, nodes, literalStart, position);
                    int close = pattern.IndexOf('}', position);
                    int reopen = pattern.IndexOf('{', position + 1);
                    if (close < 0 || (reopen >= 0 && reopen < close))
                    {
                        return ("a '{' has no matching '}'", new PatternSpan(position, 1));
                    }

                    if (ParseCapture(pattern, position, close, nodes) is { } captureError)
                    {
                        return captureError;
                    }

                    position = close + 1;
                    literalStart = position;
                    break;

                case '[':
                    Flush(literal, nodes, literalStart, position);
                    if (nested)
                    {
                        return ("optional groups cannot be nested", new PatternSpan(position, 1));
                    }

                    int open = position++;
                    var children = new List<PatternSyntaxNode>();
                    if (ParseSequence(pattern, ref position, children, nested: true) is { } groupError)
                    {
                        return groupError;
                    }

                    if (position >= pattern.Length || pattern[position] != ']')
                    {
                        return ("a '[' has no matching ']'", new PatternSpan(open, 1));
                    }

                    if (!children.Exists(static n => n.CaptureName is not null))
                    {
                        return ("an optional group must capture something" + OptionalWordHint(children), new PatternSpan(open, position + 1 - open));
                    }

                    nodes.Add(new PatternSyntaxNode(children));
                    position++;
                    literalStart = position;
                    break;

                case ']':
                    Flush(literal, nodes, literalStart, position);
                    return nested ? null : ("a ']' has no matching '['", new PatternSpan(position, 1));

                case '}':
                    return ("a '}' has no matching '{'", new PatternSpan(position, 1));

                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        return ($"literal text must be printable ASCII, not U+{(int)c:X4}", new PatternSpan(position, 1));
                    }

                    literal.Append(c);
                    position++;
                    break;
            }
        }

        Flush(literal, nodes, literalStart, position);
        return null;
    }

    internal static (string, PatternSpan)? ParseCapture(string pattern, int open, int close, List<PatternSyntaxNode> nodes)
    {
        var span = new PatternSpan(open, close + 1 - open);
        bool repeated = close - open > 3 && string.CompareOrdinal(pattern, close - 3, Repetition, 0, Repetition.Length) == 0;
        if (repeated)
        {
            // {keys:Atom...}: what precedes the dots is the capture of one value.
            close -= Repetition.Length;
        }

        string body = pattern.Substring(open + 1, close - open - 1);
        int colon = body.IndexOf(':');
        string name = colon < 0 ? body : body.Substring(0, colon);
        string kind = colon < 0 ? ToPascalCase(body) : body.Substring(colon + 1);
        var nameSpan = new PatternSpan(open + 1, name.Length);
        var kindSpan = colon < 0 ? nameSpan : new PatternSpan(open + 2 + colon, kind.Length);
        if (!IsCaptureName(name))
        {
            return ($"'{{{body}}}' must name its capture in camelCase letters and digits, as in {{domain}} or {{sender:ReversePath}}", name.Length == 0 ? span : nameSpan);
        }

        if (!IsFreeCaptureName(name))
        {
            return ($"'{name}' cannot name a capture: it is a C# keyword or a name the generated code uses", nameSpan);
        }

        if (colon > 0 && (kind.IndexOf('|') >= 0 || kind.IndexOf('=') >= 0))
        {
            // A choice of literal values, {mode:STREAM|BLOCK}, some perhaps named, {body:SevenBit=7BIT|EightBitMime=8BITMIME};
            // a single value is a choice when it is named ({end:Last=LAST}), since no kind's name holds '='.
            var choices = new List<string>();
            var names = new List<string>();
            int at = kindSpan.Start;
            foreach (string choice in kind.Split('|'))
            {
                if (ParseChoice(choice, at) is { } choiceError)
                {
                    return choiceError;
                }

                int equals = choice.IndexOf('=');
                choices.Add(equals < 0 ? choice : choice.Substring(equals + 1));
                names.Add(equals < 0 ? ToPascalCase(choice.ToLowerInvariant()) : choice.Substring(0, equals));
                at += choice.Length + 1;
            }

            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count || choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
            {
                return ("the values of a choice, and their names, must differ", kindSpan);
            }

            if (names.Contains(ToPascalCase(name) + "Values") || names.Contains("TryScan") || names.Contains("TryWrite"))
            {
                return ($"a value's name is a name the generated {ToPascalCase(name)}Values uses", kindSpan);
            }

            nodes.Add(new PatternSyntaxNode(name, kind, span, kindSpan) { Choices = choices, ChoiceNames = names, Repeated = repeated });
            return null;
        }

        foreach (string part in kind.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return ($"'{{{body}}}' has no valid kind after ':'", kind.Length == 0 ? span : kindSpan);
            }
        }

        nodes.Add(new PatternSyntaxNode(name, kind, span, kindSpan) { Repeated = repeated });
        return null;
    }

    /// <summary>
    /// Parses a reply's text with captures, <c>{domain} Service ready</c>: literal text (brackets included) and
    /// captures, two captures never side by side, and no capture followed by text it would take (its reader, the
    /// writer's inverse, would read the line back as one longer value and refuse it).
    /// </summary>
    public static PatternSyntax ParseTemplate(string text)
    {
        var result = new PatternSyntax();
        var literal = new StringBuilder();
        int literalStart = 0;
        for (int position = 0; position < text.Length && result.Error is null; position++)
        {
            char c = text[position];
            if (c is '{' or '}' && position + 1 < text.Length && text[position + 1] == c)
            {
                literal.Append(c);
                position++;
            }
            else if (c == '}')
            {
                (result.Error, result.ErrorSpan) = ("a '}' has no matching '{'", new PatternSpan(position, 1));
            }
            else if (c != '{')
            {
                literal.Append(c);
            }
            else
            {
                Flush(literal, result.Tail, literalStart, position);
                int close = text.IndexOf('}', position);
                int reopen = text.IndexOf('{', position + 1);
                if (close < 0 || (reopen >= 0 && reopen < close))
                {
                    (result.Error, result.ErrorSpan) = ("a '{' has no matching '}'", new PatternSpan(position, 1));
                }
                else if (ParseCapture(text, position, close, result.Tail) is { } error)
                {
                    (result.Error, result.ErrorSpan) = error;
                }
                else if (result.Tail.Count > 1 && result.Tail[result.Tail.Count - 2].CaptureName is not null)
                {
                    (result.Error, result.ErrorSpan) = ("two captures must be separated by literal text", result.Tail[result.Tail.Count - 1].Span);
                }

                position = close < 0 ? text.Length : close;
                literalStart = position + 1;
            }
        }

        Flush(literal, result.Tail, literalStart, text.Length);
        if (result.Error is null && CheckSequence(result.Tail) is { } taken)
        {
            (result.Error, result.ErrorSpan) = taken;
        }

        return result;
    }

    /// <summary>
    /// Parses a parameter's pattern: <c>KEYWORD</c>, <c>KEYWORD={name:Kind}</c> or <c>KEYWORD={name:A|B}</c>. The
    /// keyword goes to <see cref="PatternSyntax.Verb"/>, the capture (if any) to <see cref="PatternSyntax.Tail"/>.
    /// </summary>
    public static PatternSyntax ParseParameter(string pattern)
    {
        var result = new PatternSyntax();
        int position = 0;
        while (position < pattern.Length && IsVerbChar(pattern[position]))
        {
            position++;
        }

        result.Verb = pattern.Substring(0, position).ToUpperInvariant();
        if (position == 0 || !char.IsLetterOrDigit(pattern[0]))
        {
            (result.Error, result.ErrorSpan) = ("it must start with a keyword (letters, digits and '-')", new PatternSpan(0, pattern.Length == 0 ? 0 : 1));
        }
        else if (position < pattern.Length && (pattern[position] != '=' || position + 1 >= pattern.Length || pattern[position + 1] != '{' || pattern[pattern.Length - 1] != '}'))
        {
            (result.Error, result.ErrorSpan) = ("after the keyword comes nothing, or \"={name:Kind}\", or \"={name:VALUE|VALUE}\"", new PatternSpan(position, pattern.Length - position));
        }
        else if (position < pattern.Length)
        {
            int open = position + 1, close = pattern.Length - 1;
            if (ParseCapture(pattern, open, close, result.Tail) is { } error)
            {
                (result.Error, result.ErrorSpan) = error;
            }
            else if (result.Tail[0].Choices is { } choices)
            {
                // A choice's values are the parameter's; it has no capture kind to resolve.
                result.CaptureName = result.Tail[0].CaptureName;
                result.Choices.AddRange(choices);
                result.ChoiceNames.AddRange(result.Tail[0].ChoiceNames!);
                result.Tail.Clear();
            }
        }

        return result;
    }

    /// <summary>
    /// For a group of a space and a word alone (NNTP's <c>[ GMT]</c>), how to take the word or nothing: a choice of one
    /// value, which the command then tells by its <c>Has{Name}</c>.
    /// </summary>
    private static string OptionalWordHint(List<PatternSyntaxNode> children)
    {
        string text = string.Concat(children.Select(static n => n.Literal));
        string word = text.Length > 1 && text[0] == ' ' ? text.Substring(1) : "";
        if (word.Length == 0 || !word.All(static c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')))
        {
            return "";
        }

        string lower = word.ToLowerInvariant();
        string name = IsFreeCaptureName(lower) ? lower : "word";
        return $": to take \"{word}\" or nothing, capture it as a choice of one value, [ {{{name}:{ToPascalCase(lower)}={word}}}]";
    }

    /// <summary>A value to choose, <c>FULL</c>, or named, <c>EightBitMime=8BITMIME</c>: a value that is no C# name needs one.</summary>
    private static (string, PatternSpan)? ParseChoice(string choice, int at)
    {
        int equals = choice.IndexOf('=');
        string name = equals < 0 ? ToPascalCase(choice.ToLowerInvariant()) : choice.Substring(0, equals);
        string value = equals < 0 ? choice : choice.Substring(equals + 1);
        if (value.Length == 0 || !IsEsmtpValue(value))
        {
            return ("each value must be printable ASCII, without '=', '|', '{' or '}'", new PatternSpan(at, choice.Length));
        }

        if (!IsIdentifier(name) || name.IndexOf('-') >= 0)
        {
            return ($"the value '{value}' is no C# name: name it, as in Name={value}", new PatternSpan(at, choice.Length));
        }

        // A value's name is a member of the generated values class, beside those of every object.
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || Array.IndexOf(ObjectMembers, name) >= 0
            ? ($"the value's name '{name}' is a C# keyword or a member of every object: name it otherwise, as in Other={value}", new PatternSpan(at, choice.Length))
            : null;
    }

    private static bool IsEsmtpValue(string value)
    {
        foreach (char c in value)
        {
            if (c is < '!' or > '~' or '=' or '|' or '{' or '}')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scanners are greedy and do not backtrack: two captures need literal text between them.</summary>
    private static (string, PatternSpan)? CheckSequence(List<PatternSyntaxNode> nodes)
    {
        for (int i = 1; i < nodes.Count; i++)
        {
            if (FirstCapture(nodes[i]) is { } second && LastCapture(nodes[i - 1]) is not null)
            {
                return ("two captures must be separated by literal text", second.Span);
            }
        }

        for (int i = 0; i + 1 < nodes.Count; i++)
        {
            // SAY {t:Text} END, KV {key:Atom}={value:Atom}: the writer writes lines whose first value takes what follows it.
            if (LastCapture(nodes[i]) is { Choices: null, Repeated: false } capture && TakesWhatFollows(capture.CaptureKind!, nodes, i + 1) is { } taken)
            {
                return (taken, capture.Span);
            }

            // OPEN[ {a:Atom}] {b:Atom}: a line written without the group reads as the group, then lacks what follows.
            if (nodes[i].Children is { } group && StartsLikeTheGroup(group, nodes, i + 1) is { } like)
            {
                return ($"the optional group can be read in what follows it ({like}): the parse takes the group whenever it can and does not go back, so a line written without the group would be read as one with it and refused; start the group with literal text of its own",
                    group[0].Span);
            }
        }

        foreach (PatternSyntaxNode node in nodes)
        {
            if (node.Children is not null && CheckSequence(node.Children) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>The verb ends at the first space, so whatever follows it must start with one.</summary>
    private static (string, PatternSpan)? CheckAfterVerb(List<PatternSyntaxNode> tail, int verbEnd)
    {
        if (tail.Count == 0)
        {
            return null;
        }

        PatternSyntaxNode first = tail[0].Children is { } children ? children[0] : tail[0];
        return first.Literal is { } text && text[0] == ' '
            ? null
            : ("the verb must be followed by a space", new PatternSpan(verbEnd, 1));
    }

    /// <summary>A command line never ends with a space (RFC 5321 §4.1.1 puts none there), so a pattern may not either.</summary>
    private static (string, PatternSpan)? CheckEnd(List<PatternSyntaxNode> nodes)
    {
        PatternSyntaxNode? last = nodes.Count == 0 ? null : nodes[nodes.Count - 1];
        if (last?.Children is { Count: > 0 } children)
        {
            last = children[children.Count - 1];
        }

        return last?.Literal is { } text && text[text.Length - 1] == ' '
            ? ("it ends with a space, which no command line has: remove it", new PatternSpan(last.Span.Start + last.Span.Length - 1, 1))
            : null;
    }

    /// <summary>
    /// A repetition scans values for as long as a space and another value follow, so nothing may come after it: it
    /// ends the pattern, or an optional group that ends the pattern.
    /// </summary>
    private static (string, PatternSpan)? CheckRepetitions(List<PatternSyntaxNode> nodes)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            List<PatternSyntaxNode> group = nodes[i].Children ?? [nodes[i]];
            for (int j = 0; j < group.Count; j++)
            {
                if (group[j].Repeated && (i != nodes.Count - 1 || j != group.Count - 1))
                {
                    return ("a repeated capture must end the pattern: the values it scans would take what follows", group[j].Span);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Why a capture of <paramref name="kind"/> takes into its value what follows it from <paramref name="next"/>, so
    /// that the writer's line would be read as one longer value and refused; null when it does not, or the kind is not
    /// known (<see cref="BuiltInKindShapes"/>).
    /// </summary>
    private static string? TakesWhatFollows(string kind, List<PatternSyntaxNode> nodes, int next)
    {
        if (BuiltInKindShapes.TakesRestOfLine(kind))
        {
            return $"a capture of {kind} takes all the rest of the line, so nothing may follow it: put it last";
        }

        if (FirstLiteral(nodes[next]) is not { } text)
        {
            return null;
        }

        // What may come after the literal's first character: its second, or the start of the capture after it.
        PatternSyntaxNode? after = CaptureAfterFirstLiteral(nodes, next);
        bool ThenMayCome(System.Func<char, bool> set) => text.Length > 1 ? set(text[1]) : after is not null && MayStartWithOneOf(after, set);
        bool taken = text[0] != ' '
            ? BuiltInKindShapes.TakesNext(kind, text[0], ThenMayCome) == true
            : ThenMayCome(c => BuiltInKindShapes.TakesAfterSpace(kind, c));
        return taken
            ? $"a capture of {kind} goes on over \"{text}\" that follows it (its scan takes the longest value it can), so a line the writer writes would be read as one longer value and refused: put between them text that {kind} cannot take"
            : null;
    }

    /// <summary>The capture right after the literal text the sequence from <paramref name="next"/> starts with, in a group or not.</summary>
    private static PatternSyntaxNode? CaptureAfterFirstLiteral(List<PatternSyntaxNode> nodes, int next) =>
        nodes[next].Children is { } group
            ? (group.Count > 1 ? FirstCapture(group[1]) : null)
            : (next + 1 < nodes.Count ? FirstCapture(nodes[next + 1]) : null);

    /// <summary>Whether a value of <paramref name="capture"/> (a kind's, or one of a choice's values) may start with a character of <paramref name="set"/>.</summary>
    private static bool MayStartWithOneOf(PatternSyntaxNode capture, System.Func<char, bool> set)
    {
        return capture.Choices is { } values
            ? values.Any(value => value.Length > 0 && set(value[0]))
            : BuiltInKindShapes.MayStartWithOneOf(capture.CaptureKind!, set);
    }

    /// <summary>
    /// How what follows an optional group from <paramref name="next"/> (groups in it taken as written) can be read as
    /// the whole group, so that a line written without the group is read as one with it: element by element, the
    /// same text, and captures of the same kind or of a kind whose values the group's can start with; or the group's
    /// text and then text its last capture takes (<c>[ {a:Atom}] AS {b}</c>). Null when it cannot, as far as the
    /// kinds are known.
    /// </summary>
    private static string? StartsLikeTheGroup(List<PatternSyntaxNode> group, List<PatternSyntaxNode> nodes, int next)
    {
        var follows = new List<PatternSyntaxNode>();
        for (int i = next; i < nodes.Count; i++)
        {
            follows.AddRange(nodes[i].Children ?? [nodes[i]]);
        }

        for (int j = 0; j < group.Count; j++)
        {
            if (j >= follows.Count)
            {
                return null;
            }

            PatternSyntaxNode mine = group[j], theirs = follows[j];
            if (mine.Literal is { } literal)
            {
                if (theirs.Literal is not { } text)
                {
                    return null;
                }

                if (text == literal)
                {
                    continue;
                }

                return j + 2 == group.Count && text.StartsWith(literal, StringComparison.Ordinal) && IsPlain(group[j + 1])
                    && BuiltInKindShapes.MayStartWith(group[j + 1].CaptureKind!, text[literal.Length]) == true
                    ? $"{group[j + 1].CaptureKind} can take \"{text.Substring(literal.Length)}\""
                    : null;
            }

            if (!MayReadAlike(mine, theirs))
            {
                return null;
            }
        }

        return "what follows it starts with the same text, and captures the group's can take";
    }

    /// <summary>
    /// Whether a value written for <paramref name="theirs"/> may be read by <paramref name="mine"/>, both captures: of the
    /// same kind or kinds whose values may start alike, a choice's value a kind may start with, or a value of
    /// <paramref name="mine"/>'s choice that starts one of <paramref name="theirs"/>'s (choices are matched without regard
    /// to case). A repeated capture is not compared.
    /// </summary>
    private static bool MayReadAlike(PatternSyntaxNode mine, PatternSyntaxNode theirs)
    {
        if (mine is not { CaptureName: not null, Repeated: false } || theirs is not { CaptureName: not null, Repeated: false })
        {
            return false;
        }

        return (mine.Choices, theirs.Choices) switch
        {
            (null, null) => mine.CaptureKind == theirs.CaptureKind || StartsOverlap(mine.CaptureKind!, theirs.CaptureKind!),
            ({ } values, null) => values.Any(value => BuiltInKindShapes.MayStartWith(theirs.CaptureKind!, value[0]) == true),
            (null, { } values) => values.Any(value => BuiltInKindShapes.MayStartWith(mine.CaptureKind!, value[0]) == true),
            // A choice takes the longest of its values that the line starts with, so the group's value that starts a later
            // one (ACTIVE before ACTIVE.TIMES) is read where the later one was written; a longer value of the group's fails there.
            ({ } values, { } others) => values.Any(value => others.Any(other => other.StartsWith(value, StringComparison.OrdinalIgnoreCase))),
        };
    }

    /// <summary>A capture of a kind: not a choice, not repeated.</summary>
    private static bool IsPlain(PatternSyntaxNode node) => node is { CaptureName: not null, Choices: null, Repeated: false };

    /// <summary>Whether a value of <paramref name="second"/> may start with a character a value of <paramref name="first"/> may start with.</summary>
    private static bool StartsOverlap(string first, string second) =>
        BuiltInKindShapes.MayStartWithOneOf(second, c => BuiltInKindShapes.MayStartWith(first, c) == true);

    /// <summary>The capture a node ends with: itself, or the last of a group's.</summary>
    private static PatternSyntaxNode? LastCapture(PatternSyntaxNode node) =>
        node.CaptureName is not null ? node : node.Children is { Count: > 0 } c && c[c.Count - 1].CaptureName is not null ? c[c.Count - 1] : null;

    /// <summary>The literal text a node starts with: its own, or the first of a group's.</summary>
    private static string? FirstLiteral(PatternSyntaxNode node) =>
        node.Literal ?? (node.Children is { Count: > 0 } c ? c[0].Literal : null);

    private static PatternSyntaxNode? FirstCapture(PatternSyntaxNode node) =>
        node.CaptureName is not null ? node : node.Children is { Count: > 0 } c && c[0].CaptureName is not null ? c[0] : null;

    /// <summary>Ends a run of literal text, which stood in the pattern from <paramref name="start"/> to <paramref name="end"/> (escapes make the two lengths differ).</summary>
    private static void Flush(StringBuilder literal, List<PatternSyntaxNode> nodes, int start, int end)
    {
        if (literal.Length > 0)
        {
            nodes.Add(new PatternSyntaxNode(literal.ToString(), new PatternSpan(start, end - start)));
            literal.Clear();
        }
    }

    /// <summary>What follows a capture's kind to make it repeat: <c>{keys:Atom...}</c>.</summary>
    private const string Repetition = "...";

    /// <summary>Names the generated parsers and writers use for their own parameters and locals.</summary>
    private static readonly string[] ReservedNames = ["verb", "line", "content", "position", "mark", "command", "output", "status", "length", "written", "more", "enhancedStatusCode"];

    /// <summary>The members every object has, which a generated member must not hide.</summary>
    internal static readonly string[] ObjectMembers = ["Equals", "GetHashCode", "ToString", "GetType"];

    /// <summary>
    /// Whether a capture may take <paramref name="name"/>: no C# keyword, no name the generated code uses, and in
    /// PascalCase (a property of the command) no member of every object.
    /// </summary>
    internal static bool IsFreeCaptureName(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && Array.IndexOf(ReservedNames, name) < 0 && Array.IndexOf(ObjectMembers, ToPascalCase(name)) < 0;

    /// <summary>A capture becomes a parameter (its name) and a property (its name in PascalCase): <c>[a-z][A-Za-z0-9]*</c>.</summary>
    private static bool IsCaptureName(string name)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVerbChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static string ToPascalCase(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
}
