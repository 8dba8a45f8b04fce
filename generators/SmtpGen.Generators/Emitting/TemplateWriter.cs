using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the inverse of a pattern into a <c>CommandLineBuilder line</c>: literals appended as UTF-8 literals (runs
/// of them joined), captures by their kind's <c>TryWrite</c> (which refuses values the parser would not read
/// back), optional groups when their values are there. Command writers, reply writers and the lines that
/// announce extensions share it; the caller declares <c>line</c>, and <c>int written</c> where there are captures.
/// </summary>
internal static class TemplateWriter
{
    /// <param name="writer">Where the statements go.</param>
    /// <param name="head">Literal text before the nodes (a verb, a keyword), or empty.</param>
    /// <param name="nodes">The pattern's nodes.</param>
    /// <param name="end">Literal text after them (CRLF), or empty.</param>
    public static void Emit(SourceWriter writer, string head, EquatableArray<PatternNode> nodes, string end)
    {
        var literal = new StringBuilder(head);
        foreach (PatternNode node in nodes)
        {
            if (node.Kind == PatternNodeKind.Optional)
            {
                Flush(writer, literal);
                EmitOptional(writer, node);
                writer.Line();
            }
            else
            {
                EmitNode(writer, node, literal, inOptional: false);
            }
        }

        literal.Append(end);
        Flush(writer, literal);
    }

    /// <summary>How an optional capture's parameter is declared: nullable, or of a type that can be empty.</summary>
    public static string OptionalParameter(CaptureModel capture) => capture.Kind.Presence is Presence.Nullable or Presence.Reference
        ? $"{capture.Kind.ValueType}? {capture.Name} = null"
        : $"{capture.Kind.ValueType} {capture.Name} = default";

    private static void EmitOptional(SourceWriter writer, PatternNode group)
    {
        List<CaptureModel> captures = group.Children.Where(c => c.Capture is not null).Select(c => c.Capture!).ToList();
        string condition = string.Join(" && ", captures.Select(c => c.Kind.Presence switch
        {
            Presence.Nullable => $"{c.Name}.HasValue",
            Presence.Reference => $"{c.Name} is not null",
            _ => $"!{c.Name}.IsEmpty",
        }));
        writer.OpenBlock($"if ({condition})");
        var literal = new StringBuilder();
        foreach (PatternNode node in group.Children)
        {
            EmitNode(writer, node, literal, inOptional: true);
        }

        Flush(writer, literal);
        writer.CloseBlock();
    }

    private static void EmitNode(SourceWriter writer, PatternNode node, StringBuilder literal, bool inOptional)
    {
        if (node.Kind == PatternNodeKind.Literal)
        {
            literal.Append(node.Text);
            return;
        }

        Flush(writer, literal);
        CaptureModel capture = node.Capture!;
        string value = inOptional && capture.Kind.Presence == Presence.Nullable ? capture.Name + ".GetValueOrDefault()" : capture.Name;
        writer.Line($"line.Advance({Names.TryWrite(capture.Kind, "line.Free", value, "out written", $"nameof({capture.Name})")}, written);");
    }

    private static void Flush(SourceWriter writer, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            writer.Line($"line.Append({Names.Utf8Literal(literal.ToString())});");
            literal.Clear();
        }
    }
}
