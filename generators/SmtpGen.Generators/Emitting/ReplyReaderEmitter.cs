using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits <c>TryRead{Member}Reply</c> for a reply with arguments, the inverse of its writer: the client's side. The
/// parsed line's text is scanned as the template (literal text matched without regard to case, each capture by its
/// kind's <c>TryScan</c>), into spans of the line, without allocating.
/// </summary>
internal static class ReplyReaderEmitter
{
    /// <param name="writer">Where the method goes.</param>
    /// <param name="reply">The reply, with its template.</param>
    /// <param name="shown">The reply as its summary shows it, e.g. <c>220 {domain} Service ready</c>.</param>
    /// <param name="lineType">The parsed line's type: <c>ReplyLine</c> or <c>StatusLine</c>.</param>
    /// <param name="isOtherReply">The C# condition that <c>line</c> is another reply: its code, or its status token, is not this one's.</param>
    public static void Emit(SourceWriter writer, ReplyModel reply, string shown, string lineType, string isOtherReply)
    {
        List<CaptureModel> captures = PatternWalker.Captures(reply.Template).ToList();
        writer.Line("/// <summary>");
        writer.Line($"/// Reads the reply <c>{Names.Xml(shown)}</c> from a parsed line, as <see cref=\"Write{reply.Member}Reply\"/> writes it: false");
        writer.Line("/// when the line is another reply, or its text does not read as the template (literal text is matched without");
        writer.Line("/// regard to case). One line: a multi-line reply's lines are read one by one.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"line\">The line, from <c>TryParseReplyLine</c> or a reply accumulator.</param>");
        foreach (CaptureModel capture in captures)
        {
            string when = capture.Kind.ValueType == Names.Span ? "a span of the line; empty" : "default";
            writer.Line($"/// <param name=\"{capture.Name}\">The <c>{{{capture.Name}}}</c> in the text ({Names.Xml(capture.Kind.Name)}), {when} when the result is false.</param>");
        }

        writer.Line("/// <returns>Whether the line is this reply, with all its arguments.</returns>");
        IEnumerable<string> outs = captures.Select(static c => $"out {c.Kind.HeldType} {c.Name}");
        // "line" is a name no capture may take; "reply" is not.
        writer.OpenBlock($"public static bool TryRead{reply.Member}Reply(in global::SmtpGen.{lineType} line, {string.Join(", ", outs)})");
        string[] failure = captures.Select(static c => $"{c.Name} = default;").Append("return false;").ToArray();
        foreach (CaptureModel capture in captures)
        {
            writer.Line($"{capture.Name} = default;");
        }

        writer.OpenBlock($"if ({isOtherReply})");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line($"{Names.Span} content = line.Text;");
        PatternScanEmitter.Emit(writer, reply.Template, "0", trailingWhiteSpace: false, declareCaptures: false, failure);
        writer.Line();
        writer.Line("return true;");
        writer.CloseBlock();
    }
}
