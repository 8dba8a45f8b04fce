using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the scan of a pattern's nodes over <c>content</c> from a position: a local per capture (and a
/// <c>has{Name}</c> flag per optional one), the required nodes as one check that fails as a whole, and each
/// optional group tried and rolled back. Command parsers and the readers of extension lines share it.
/// </summary>
internal static class PatternScanEmitter
{
    /// <param name="writer">Where the statements go.</param>
    /// <param name="tail">The nodes after the verb or keyword.</param>
    /// <param name="start">Where in <c>content</c> the nodes start, as a C# expression.</param>
    /// <param name="trailingWhiteSpace">Whether spaces and tabs may follow the match (<see cref="ProtocolOptions.TolerateTrailingWhiteSpace"/>).</param>
    /// <param name="failure">The statements that end the method when the content does not match.</param>
    public static void Emit(SourceWriter writer, EquatableArray<PatternNode> tail, string start, bool trailingWhiteSpace, params string[] failure) =>
        Emit(writer, tail, start, trailingWhiteSpace, declareCaptures: true, failure);

    /// <summary>As <see cref="Emit(SourceWriter, EquatableArray{PatternNode}, string, bool, string[])"/>, into captures the caller declared (out parameters) when <paramref name="declareCaptures"/> is false.</summary>
    public static void Emit(SourceWriter writer, EquatableArray<PatternNode> tail, string start, bool trailingWhiteSpace, bool declareCaptures, params string[] failure)
    {
        writer.Line($"int position = {start};");
        foreach ((CaptureModel capture, bool optional) in PatternWalker.CapturesWithOptionality(tail))
        {
            if (declareCaptures)
            {
                writer.Line($"{capture.Kind.HeldType} {capture.Name} = default;");
            }

            if (optional)
            {
                writer.Line($"bool has{capture.PropertyName} = false;");
            }
        }

        if (tail.Any(n => n.Kind == PatternNodeKind.Optional))
        {
            writer.Line("int mark;");
        }

        var required = new List<string>();
        foreach (PatternNode node in tail)
        {
            if (node.Kind != PatternNodeKind.Optional)
            {
                required.Add(Condition(node));
                continue;
            }

            EmitRequired(writer, required, endOfLine: false, failure, trailingWhiteSpace);
            writer.Line();
            writer.Line($"// Optional: {Describe(node.Children)}");
            writer.Line("mark = position;");
            WriteIf(writer, node.Children.Select(Condition).ToList(), "&&");
            foreach (PatternNode child in node.Children.Where(c => c.Capture is not null))
            {
                writer.Line($"has{child.Capture!.PropertyName} = true;");
            }

            writer.CloseBlock();
            writer.OpenBlock("else");
            writer.Line("position = mark;");
            foreach (PatternNode child in node.Children.Where(c => c.Capture is not null))
            {
                writer.Line($"{child.Capture!.Name} = default;");
            }

            writer.CloseBlock();
        }

        EmitRequired(writer, required, endOfLine: true, failure, trailingWhiteSpace);
    }

    /// <summary>Writes the pending required nodes as one check that fails the whole match.</summary>
    private static void EmitRequired(SourceWriter writer, List<string> conditions, bool endOfLine, string[] failure, bool trailingWhiteSpace)
    {
        if (endOfLine)
        {
            conditions.Add(trailingWhiteSpace ? EndsAt("position") : "position != content.Length");
        }

        if (conditions.Count == 0)
        {
            return;
        }

        writer.Line();
        WriteIf(writer, conditions.Select(c => c.StartsWith("position", System.StringComparison.Ordinal) ? c : "!" + c).ToList(), "||");
        foreach (string statement in failure)
        {
            writer.Line(statement);
        }

        writer.CloseBlock();
        conditions.Clear();
    }

    /// <summary>Opens <c>if (a op b ...)</c> with one condition a line.</summary>
    private static void WriteIf(SourceWriter writer, List<string> conditions, string op)
    {
        for (int i = 0; i < conditions.Count; i++)
        {
            string line = i == 0 ? "if (" + conditions[i] : $"    {op} {conditions[i]}";
            writer.Line(i == conditions.Count - 1 ? line + ")" : line);
        }

        writer.Line("{");
        writer.Indent();
    }

    private static string Condition(PatternNode node) => node.Kind switch
    {
        PatternNodeKind.Literal => $"{Names.CommandLine}.{(node.Text.All(static c => c < 0x80) ? "TryMatch" : "TryMatchText")}(content, ref position, {Names.Utf8Literal(node.Text)})",
        _ => $"{node.Capture!.Kind.TypeName}.TryScan(content, ref position, out {node.Capture.Name})",
    };

    private static string Describe(EquatableArray<PatternNode> nodes) =>
        "[" + string.Concat(nodes.Select(n => n.Capture is { } c ? "{" + c.Name + "}" : n.Text)) + "]";

    /// <summary>The check that the line ends at <paramref name="position"/> but for spaces and tabs, as a C# expression.</summary>
    public static string EndsAt(string position) => $"global::SmtpGen.CommandLine.EndsAt(content, {position})";
}
