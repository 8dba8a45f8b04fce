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

        writer.Line();
        EmitWriteCommand(writer, model);
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// <c>WriteCommand(output, in Command)</c>: a parsed command written anew by its verb's writer, for a proxy that
    /// passes on only what it understood, in the definition's own form.
    /// </summary>
    private static void EmitWriteCommand(SourceWriter writer, ProtocolModel model)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Writes a parsed <paramref name=\"command\"/> anew from its captures, as its verb's writer writes them: the verb and");
        writer.Line("/// literal text as the definition spells them and the captured values as they came, so that a proxy passes on only");
        writer.Line("/// what it parsed (a source route and trailing white space are not carried over; an optional value given but empty,");
        writer.Line("/// as a null reverse-path in an optional group, is left out with its group, as its writer leaves it out). To pass a");
        writer.Line("/// line on exactly as it came, write its <c>Line</c> and CRLF.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"output\">Where the command line goes.</param>");
        writer.Line("/// <param name=\"command\">A command <see cref=\"TryParseCommand\"/> gave.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The command was not parsed (a <c>default</c> one, or a verb the definition removes), or its line would be longer than its limit; nothing is written then.</exception>");
        writer.OpenBlock($"public static void WriteCommand({Names.BufferWriter} output, scoped in Command command)");
        writer.OpenBlock("if (command.Line.IsEmpty)");
        writer.Line("// A command that did not parse (or a default one) has no line, and its verb is the enum's first member.");
        writer.Line("throw new global::System.ArgumentException(\"The command has no writer: it was not parsed.\", nameof(command));");
        writer.CloseBlock();
        writer.Line();
        writer.OpenBlock("switch (command.Verb)");
        foreach (CommandModel command in model.Commands)
        {
            List<(CaptureModel Capture, bool Optional)> captures = PatternWalker.CapturesWithOptionality(command.Tail).ToList();
            // A required capture of a reference type is there in every parsed command of its verb, though held as nullable.
            IEnumerable<string> arguments = captures.Where(static c => !c.Optional)
                .Select(static c => "command." + c.Capture.PropertyName + (c.Capture.Kind.Presence == Presence.Reference ? "!" : ""))
                .Concat(captures.Where(static c => c.Optional).Select(static c => c.Capture.Kind.Presence == Presence.Nullable
                    ? $"command.Has{c.Capture.PropertyName} ? command.{c.Capture.PropertyName} : null"
                    : "command." + c.Capture.PropertyName));
            writer.Line($"case {model.VerbEnum}.{command.Member}:");
            writer.Indent();
            writer.Line($"Write{command.Member}({string.Join(", ", arguments.Prepend("output"))});");
            writer.Line("return;");
            writer.Unindent();
        }

        writer.Line("default:");
        writer.Indent();
        writer.Line("throw new global::System.ArgumentException(\"The command has no writer: it was not parsed.\", nameof(command));");
        writer.Unindent();
        writer.CloseBlock();
        writer.CloseBlock();
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
