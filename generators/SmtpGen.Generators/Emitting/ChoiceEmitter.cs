using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits, for each choice of literal values (<c>{mode:STREAM|BLOCK}</c> in a pattern, <c>BODY={body:...}</c> in a
/// parameter), a class <c>{Name}Values</c>: the values by name, so that code that writes one names it, and the
/// capture kind's two methods, so that the parser and the writers use it as any other kind.
/// </summary>
internal static class ChoiceEmitter
{
    private const string EqualsIgnoreCase = "global::System.Text.Ascii.EqualsIgnoreCase";

    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        bool first = true;
        foreach (ChoiceModel choice in model.Choices)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitChoice(writer, choice);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitChoice(SourceWriter writer, ChoiceModel choice)
    {
        string values = string.Join(", ", choice.Values);
        writer.Line($"/// <summary>The values of <c>{{{Names.Xml(char.ToLowerInvariant(choice.PropertyName[0]) + choice.PropertyName.Substring(1))}}}</c>: {Names.Xml(values)}, compared ASCII case-insensitively.</summary>");
        writer.OpenBlock($"public static class {choice.PropertyName}Values");
        for (int i = 0; i < choice.Values.Count; i++)
        {
            writer.Line($"/// <summary><c>{Names.Xml(choice.Values[i])}</c>.</summary>");
            writer.Line($"public static {Names.Span} {choice.Names[i]} => {Names.Utf8Literal(choice.Values[i])};");
            writer.Line();
        }

        writer.Line("/// <summary>Scans one of the values at <paramref name=\"position\"/>, the longest that matches.</summary>");
        writer.Line("/// <param name=\"content\">The line without its CRLF.</param>");
        writer.Line("/// <param name=\"position\">Where the value starts; advanced past it on success, unchanged otherwise.</param>");
        writer.Line("/// <param name=\"value\">The value as sent.</param>");
        writer.Line("/// <returns>Whether one of the values starts at <paramref name=\"position\"/>.</returns>");
        writer.OpenBlock($"public static bool TryScan({Names.Span} content, scoped ref int position, out {Names.Span} value)");
        writer.Line("int start = position;");
        string matches = string.Join("\n    || ", choice.Values
            .OrderByDescending(static v => v.Length)
            .Select(v => $"{Names.CommandLine}.TryMatch(content, ref position, {Names.Utf8Literal(v)})"));
        writer.OpenBlock($"if ({matches.Replace("\n", "\n" + new string(' ', 12))})");
        writer.Line("value = content[start..position];");
        writer.Line("return true;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("value = default;");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        string known = string.Join(" || ", choice.Values.Select(v => $"{EqualsIgnoreCase}(value, {Names.Utf8Literal(v)})"));
        KindWriterEmitter.EmitTryWrite(
            writer,
            Names.Span,
            "Writes one of the values into <paramref name=\"destination\"/> if it fits.",
            "One of the values, in any case.",
            ("the value does", "the value"),
            $"is none of {Names.Xml(values)}",
            body =>
            {
                body.OpenBlock($"if (!({known}))");
                body.Line($"throw new global::System.ArgumentException({Names.StringLiteral($"The value is none of {values}.")}, paramName);");
                body.CloseBlock();
                body.Line();
                body.Line("written = value.TryCopyTo(destination) ? value.Length : 0;");
                body.Line("return written == value.Length;");
            });
        writer.CloseBlock();
    }
}
