using System;
using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits <c>Write{Member}Reply</c> for a reply with arguments, of either reply form: the line is built in one span of
/// at most <c>MaxReplyLine</c> octets and advanced once, like a command, so an invalid argument writes nothing.
/// </summary>
internal static class ReplyWriterEmitter
{
    /// <param name="writer">Where the method goes.</param>
    /// <param name="reply">The reply, with its template.</param>
    /// <param name="shown">The reply as its summary shows it, e.g. <c>220 {domain} Service ready</c>.</param>
    /// <param name="options">Parameters after the captures, each with its doc comment (numeric replies' <c>more</c>).</param>
    /// <param name="writeStart">Writes what comes before the template (a code and what follows it); null when the template's prefix is all.</param>
    /// <param name="templatePrefix">Literal text the template starts with (a status token and SP).</param>
    public static void Emit(
        SourceWriter writer,
        ReplyModel reply,
        string shown,
        IReadOnlyList<(string Parameter, string Doc)> options,
        Action<SourceWriter>? writeStart,
        string templatePrefix)
    {
        List<CaptureModel> captures = PatternWalker.Captures(reply.Template).ToList();
        writer.Line($"/// <summary>Writes the reply <c>{Names.Xml(shown)}</c> and its CRLF.</summary>");
        writer.Line("/// <param name=\"output\">Where the reply goes.</param>");
        foreach (CaptureModel capture in captures)
        {
            writer.Line($"/// <param name=\"{capture.Name}\">The <c>{{{capture.Name}}}</c> in the text ({Names.Xml(capture.Kind.Name)}).</param>");
        }

        foreach ((string _, string doc) in options)
        {
            writer.Line(doc);
        }

        writer.Line("/// <exception cref=\"global::System.ArgumentException\">An argument is not a valid value of its kind, or the line would be longer than <see cref=\"MaxReplyLine\"/>; nothing is written then.</exception>");
        var parameters = new List<string> { $"{Names.BufferWriter} output" };
        parameters.AddRange(captures.Select(c => $"{c.Kind.ValueType} {c.Name}"));
        parameters.AddRange(options.Select(static o => o.Parameter));
        writer.OpenBlock($"public static void Write{reply.Member}Reply({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(output);");
        writer.Line($"{Names.CommandLineBuilder} line = new(output.GetSpan(MaxReplyLine), MaxReplyLine);");
        if (captures.Count > 0)
        {
            writer.Line("int written;");
        }

        writeStart?.Invoke(writer);
        TemplateWriter.Emit(writer, templatePrefix, reply.Template, "\r\n");
        writer.Line("output.Advance(line.Length);");
        writer.CloseBlock();
    }
}
