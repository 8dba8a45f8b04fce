using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits one <c>Write{Command}</c> method per command: the inverse of its pattern. The line is built in one
/// span borrowed from the output, at most the command's line limit (<c>MaxCommandLine</c>, or <c>MaxMailLine</c> where parameters lengthen it): literals as UTF-8 literals, captures by
/// their kind's <c>TryWrite</c> (which refuses values the parser would not read back), optional groups when
/// their values are there. The output advances once, after the whole line fits, so a writer that throws has
/// written nothing.
/// </summary>
internal static class CommandWriterEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        bool first = true;
        foreach (CommandModel command in model.Commands)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitWriter(writer, command, CommandParserEmitter.LineLimit(model, command));
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitWriter(SourceWriter writer, CommandModel command, string limit)
    {
        List<(CaptureModel Capture, bool Optional)> captures = PatternWalker.CapturesWithOptionality(command.Tail).ToList();
        var parameters = new List<string> { $"{Names.BufferWriter} output" };
        parameters.AddRange(captures.Where(c => !c.Optional).Select(c => $"{c.Capture.Kind.ValueType} {c.Capture.Name}"));
        parameters.AddRange(captures.Where(c => c.Optional).Select(c => TemplateWriter.OptionalParameter(c.Capture)));

        writer.Line($"/// <summary>Writes <c>{Names.Xml(command.Pattern)}</c> and its CRLF.</summary>");
        writer.Line("/// <param name=\"output\">Where the command line goes.</param>");
        foreach ((CaptureModel capture, bool optional) in captures)
        {
            string note = optional ? " Left out, with the optional group around it, when not given." : "";
            writer.Line($"/// <param name=\"{capture.Name}\">The <c>{{{capture.Name}}}</c> argument ({Names.Xml(capture.Kind.Name)}).{note}</param>");
        }

        if (captures.Count > 0)
        {
            writer.Line($"/// <exception cref=\"global::System.ArgumentException\">An argument is not a valid value of its kind, or the line would be longer than <see cref=\"{limit}\"/>; nothing is written then.</exception>");
        }
        else
        {
            writer.Line($"/// <exception cref=\"global::System.ArgumentException\">The line would be longer than <see cref=\"{limit}\"/>; nothing is written then.</exception>");
        }

        writer.OpenBlock($"public static void Write{command.Member}({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(output);");
        writer.Line($"{Names.CommandLineBuilder} line = new(output.GetSpan({limit}), {limit});");
        if (captures.Count > 0)
        {
            writer.Line("int written;");
        }

        TemplateWriter.Emit(writer, command.WrittenVerb, command.Tail, "\r\n");
        writer.Line("output.Advance(line.Length);");
        writer.CloseBlock();
    }
}
