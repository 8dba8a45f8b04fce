using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits, for each command that extensions give parameters, a <c>{Command}Parameters</c> struct with one property a
/// parameter, the server's reader (<c>TryRead{Command}Parameters</c>: unknown, malformed and repeated parameters
/// told apart, only the offered extensions' known) and the client's writer (<c>Format{Command}Parameters</c>).
/// </summary>
internal static class ParameterEmitter
{
    private const string Status = "global::SmtpGen.ParameterStatus";
    private const string EqualsIgnoreCase = "global::System.Text.Ascii.EqualsIgnoreCase";

    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        bool first = true;
        foreach (CommandParametersModel command in model.CommandParameters)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitStruct(writer, command);
            writer.Line();
            EmitReader(writer, model, command);
            writer.Line();
            EmitWriter(writer, command);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitStruct(SourceWriter writer, CommandParametersModel command)
    {
        writer.Line($"/// <summary>The parameters of {command.Verb} that extensions define, as <see cref=\"TryRead{command.Command}Parameters\"/> reads them and <see cref=\"Format{command.Command}Parameters\"/> writes them.</summary>");
        writer.OpenBlock($"public ref struct {command.Command}Parameters");
        bool first = true;
        foreach (ParameterModel parameter in command.Parameters)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            string pattern = Names.Xml(parameter.Pattern);
            (string type, string absent) = parameter.Form switch
            {
                ParameterForm.Flag => ("bool", "whether it was given"),
                ParameterForm.Choice => (Names.Span, "empty when not given"),
                _ when parameter.Capture!.Kind.Presence is Presence.Nullable or Presence.Reference => (parameter.Capture.Kind.ValueType + "?", "null when not given"),
                _ => (parameter.Capture!.Kind.ValueType, "empty when not given"),
            };
            writer.Line($"/// <summary><c>{pattern}</c>, of {parameter.Extension}: {absent}.</summary>");
            writer.Line($"public {type} {parameter.PropertyName} {{ get; set; }}");
        }

        writer.CloseBlock();
    }

    private static void EmitReader(SourceWriter writer, ProtocolModel model, CommandParametersModel command)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Reads the parameters of {command.Verb} (its <c>{{{command.Capture}}}</c>) against the extensions a server offers, without allocating:");
        writer.Line("/// a parameter of an extension not offered is as unknown as one no extension defines.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">The parameters as parsed.</param>");
        writer.Line("/// <param name=\"offered\">The extensions the server offers.</param>");
        writer.Line("/// <param name=\"values\">The parameters read, when the result is <see cref=\"global::SmtpGen.ParameterStatus.Ok\"/>.</param>");
        writer.Line("/// <returns>Whether every parameter is known, well formed and given once, or the first that is not.</returns>");
        writer.OpenBlock($"public static {Status} TryRead{command.Command}Parameters(global::SmtpGen.EsmtpParameters parameters, Extensions offered, out {command.Command}Parameters values)");
        writer.Line("values = default;");
        writer.OpenBlock("foreach (global::SmtpGen.EsmtpParameter parameter in parameters)");
        bool first = true;
        foreach (ParameterModel parameter in command.Parameters)
        {
            string test = $"offered.Has({model.ExtensionEnum}.{parameter.Extension}) && {EqualsIgnoreCase}(parameter.Keyword, {Names.Utf8Literal(parameter.Keyword)})";
            writer.OpenBlock($"{(first ? "if" : "else if")} ({test})");
            first = false;
            string property = "values." + parameter.PropertyName;
            switch (parameter.Form)
            {
                case ParameterForm.Flag:
                    Check(writer, property, Status + ".Repeated");
                    Check(writer, "parameter.HasValue", Status + ".Malformed");
                    writer.Line($"{property} = true;");
                    break;
                case ParameterForm.Choice:
                    Check(writer, $"!{property}.IsEmpty", Status + ".Repeated");
                    Check(writer, $"!({Choices(parameter, "parameter.Value")})", Status + ".Malformed");
                    writer.Line($"{property} = parameter.Value;");
                    break;
                default:
                    CaptureModel capture = parameter.Capture!;
                    Check(writer, Given(capture, property), Status + ".Repeated");
                    writer.Line("int position = 0;");
                    Check(writer, $"!parameter.HasValue || !{capture.Kind.TypeName}.TryScan(parameter.Value, ref position, out {capture.Kind.ValueType} value) || position != parameter.Value.Length", Status + ".Malformed");
                    writer.Line($"{property} = value;");
                    break;
            }

            writer.CloseBlock();
        }

        writer.OpenBlock("else");
        writer.Line($"return {Status}.Unknown;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.Line();
        writer.Line($"return {Status}.Ok;");
        writer.CloseBlock();
    }

    private static void EmitWriter(SourceWriter writer, CommandParametersModel command)
    {
        writer.Line($"/// <summary>Writes the parameters given in <paramref name=\"values\"/>, separated by SP, as {command.Verb}'s <c>{{{command.Capture}}}</c> takes them.</summary>");
        writer.Line("/// <param name=\"destination\">Where to write.</param>");
        writer.Line("/// <param name=\"values\">The parameters; those not given are left out.</param>");
        writer.Line("/// <returns>The octets written; 0 when no parameter is given.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A value is not valid for its parameter, or the parameters do not fit.</exception>");
        writer.OpenBlock($"public static int Format{command.Command}Parameters(global::System.Span<byte> destination, scoped in {command.Command}Parameters values)");
        writer.Line($"{Names.CommandLineBuilder} line = new(destination, destination.Length);");
        if (command.Parameters.Any(static p => p.Form == ParameterForm.Capture))
        {
            writer.Line("int written;");
        }

        foreach (ParameterModel parameter in command.Parameters)
        {
            string property = "values." + parameter.PropertyName;
            writer.Line();
            string given = parameter.Form switch
            {
                ParameterForm.Flag => property,
                ParameterForm.Capture => Given(parameter.Capture!, property),
                _ => $"!{property}.IsEmpty",
            };
            writer.OpenBlock($"if ({given})");
            writer.Line($"line.Append(line.Length == 0 ? {Names.Utf8Literal(parameter.Keyword + (parameter.Form == ParameterForm.Flag ? "" : "="))} : {Names.Utf8Literal(" " + parameter.Keyword + (parameter.Form == ParameterForm.Flag ? "" : "="))});");
            if (parameter.Form == ParameterForm.Choice)
            {
                writer.OpenBlock($"if (!({Choices(parameter, property)}))");
                writer.Line($"throw new global::System.ArgumentException({Names.StringLiteral($"{parameter.Keyword} is one of {string.Join(", ", parameter.Choices)}.")}, {Names.StringLiteral(property)});");
                writer.CloseBlock();
                writer.Line();
                writer.Line($"line.Append({property});");
            }
            else if (parameter.Form == ParameterForm.Capture)
            {
                CaptureModel capture = parameter.Capture!;
                string value = capture.Kind.Presence == Presence.Nullable ? property + ".GetValueOrDefault()" : property;
                writer.Line($"line.Advance({Names.TryWrite(capture.Kind, "line.Free", value, "out written", Names.StringLiteral(property))}, written);");
            }

            writer.CloseBlock();
        }

        writer.Line();
        writer.Line("return line.Length;");
        writer.CloseBlock();
    }

    /// <summary>Whether a captured parameter was given: a nullable one has a value, any other is not empty.</summary>
    private static string Given(CaptureModel capture, string property) => capture.Kind.Presence switch
    {
        Presence.Nullable => property + ".HasValue",
        Presence.Reference => property + " is not null",
        _ => $"!{property}.IsEmpty",
    };

    private static void Check(SourceWriter writer, string condition, string status)
    {
        writer.OpenBlock($"if ({condition})");
        writer.Line($"return {status};");
        writer.CloseBlock();
        writer.Line();
    }

    private static string Choices(ParameterModel parameter, string value) =>
        string.Join(" || ", parameter.Choices.Select(c => $"{EqualsIgnoreCase}({value}, {Names.Utf8Literal(c)})"));
}
