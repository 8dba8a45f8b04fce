using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpGen.Generators.Parsing;

/// <summary>A pattern node before its capture kinds are resolved against the compilation.</summary>
internal sealed class PatternSyntaxNode
{
    public PatternSyntaxNode(string literal) => Literal = literal;

    public PatternSyntaxNode(string captureName, string captureKind)
    {
        CaptureName = captureName;
        CaptureKind = captureKind;
    }

    public PatternSyntaxNode(List<PatternSyntaxNode> children) => Children = children;

    public string? Literal { get; }

    public string? CaptureName { get; }

    public string? CaptureKind { get; }

    public List<PatternSyntaxNode>? Children { get; }
}

/// <summary>The verb and the nodes after it, or the reason the pattern is not valid.</summary>
internal sealed class PatternSyntax
{
    public string Verb { get; set; } = "";

    public List<PatternSyntaxNode> Tail { get; } = new();

    public string? Error { get; set; }
}

/// <summary>
/// Parses a command pattern such as <c>MAIL FROM:{reversePath}[ {parameters}]</c>: a verb, then literals,
/// captures <c>{name}</c> or <c>{name:Kind}</c> and optional groups <c>[...]</c>.
/// </summary>
internal static class PatternParser
{
    /// <summary>Verbs are dispatched as one packed 64-bit integer, so at most eight octets.</summary>
    public const int MaxVerbLength = 8;

    public static PatternSyntax Parse(string pattern)
    {
        var result = new PatternSyntax();
        int position = 0;
        while (position < pattern.Length && IsVerbChar(pattern[position]))
        {
            position++;
        }

        result.Verb = pattern.Substring(0, position).ToUpperInvariant();
        result.Error = CheckVerb(pattern, position, result.Verb)
            ?? ParseSequence(pattern, ref position, result.Tail, nested: false)
            ?? CheckAfterVerb(result.Tail)
            ?? CheckSequence(result.Tail);
        return result;
    }

    private static string? CheckVerb(string pattern, int end, string verb)
    {
        if (verb.Length == 0)
        {
            return "it must start with a verb (letters, digits and '-')";
        }

        if (verb.Length > MaxVerbLength)
        {
            return $"the verb '{verb}' is longer than {MaxVerbLength} characters";
        }

        if (end < pattern.Length && pattern[end] != ' ' && pattern[end] != '[')
        {
            return $"the verb must be followed by a space, not '{pattern[end]}'";
        }

        return null;
    }

    private static string? ParseSequence(string pattern, ref int position, List<PatternSyntaxNode> nodes, bool nested)
    {
        var literal = new StringBuilder();
        while (position < pattern.Length)
        {
            char c = pattern[position];
            switch (c)
            {
                case '{':
                    Flush(literal, nodes);
                    int close = pattern.IndexOf('}', position);
                    if (close < 0)
                    {
                        return "a '{' has no matching '}'";
                    }

                    string? captureError = ParseCapture(pattern.Substring(position + 1, close - position - 1), nodes);
                    if (captureError is not null)
                    {
                        return captureError;
                    }

                    position = close + 1;
                    break;

                case '[':
                    Flush(literal, nodes);
                    if (nested)
                    {
                        return "optional groups cannot be nested";
                    }

                    position++;
                    var children = new List<PatternSyntaxNode>();
                    string? groupError = ParseSequence(pattern, ref position, children, nested: true);
                    if (groupError is not null)
                    {
                        return groupError;
                    }

                    if (position >= pattern.Length || pattern[position] != ']')
                    {
                        return "a '[' has no matching ']'";
                    }

                    if (!children.Exists(static n => n.CaptureName is not null))
                    {
                        return "an optional group must capture something";
                    }

                    nodes.Add(new PatternSyntaxNode(children));
                    position++;
                    break;

                case ']':
                    Flush(literal, nodes);
                    return nested ? null : "a ']' has no matching '['";

                case '}':
                    return "a '}' has no matching '{'";

                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        return $"literal text must be printable ASCII, not U+{(int)c:X4}";
                    }

                    literal.Append(c);
                    position++;
                    break;
            }
        }

        Flush(literal, nodes);
        return null;
    }

    private static string? ParseCapture(string body, List<PatternSyntaxNode> nodes)
    {
        int colon = body.IndexOf(':');
        string name = colon < 0 ? body : body.Substring(0, colon);
        string kind = colon < 0 ? ToPascalCase(body) : body.Substring(colon + 1);
        if (!IsCaptureName(name))
        {
            return $"'{{{body}}}' must name its capture in camelCase letters and digits, as in {{domain}} or {{sender:ReversePath}}";
        }

        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || Array.IndexOf(ReservedNames, name) >= 0)
        {
            return $"'{name}' cannot name a capture: it is a C# keyword or a name the generated code uses";
        }

        foreach (string part in kind.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return $"'{{{body}}}' has no valid kind after ':'";
            }
        }

        nodes.Add(new PatternSyntaxNode(name, kind));
        return null;
    }

    /// <summary>Scanners are greedy and do not backtrack: two captures need literal text between them.</summary>
    private static string? CheckSequence(List<PatternSyntaxNode> nodes)
    {
        for (int i = 1; i < nodes.Count; i++)
        {
            if (StartsWithCapture(nodes[i]) && EndsWithCapture(nodes[i - 1]))
            {
                return "two captures must be separated by literal text";
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
    private static string? CheckAfterVerb(List<PatternSyntaxNode> tail)
    {
        if (tail.Count == 0)
        {
            return null;
        }

        PatternSyntaxNode first = tail[0].Children is { } children ? children[0] : tail[0];
        return first.Literal is { } text && text[0] == ' '
            ? null
            : "the verb must be followed by a space";
    }

    private static bool StartsWithCapture(PatternSyntaxNode node) =>
        node.CaptureName is not null || (node.Children is { Count: > 0 } c && c[0].CaptureName is not null);

    private static bool EndsWithCapture(PatternSyntaxNode node) =>
        node.CaptureName is not null || (node.Children is { Count: > 0 } c && c[c.Count - 1].CaptureName is not null);

    private static void Flush(StringBuilder literal, List<PatternSyntaxNode> nodes)
    {
        if (literal.Length > 0)
        {
            nodes.Add(new PatternSyntaxNode(literal.ToString()));
            literal.Clear();
        }
    }

    /// <summary>Names the generated parsers and writers use for their own parameters and locals.</summary>
    private static readonly string[] ReservedNames = ["verb", "line", "content", "position", "mark", "command", "output", "status", "length", "written"];

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
