using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the reply side of a protocol whose replies start with a status token (POP3's <c>+OK</c> and <c>-ERR</c>):
/// the reply parser, which reads the token's outcome, and the replies, fixed ones preformatted as UTF-8 literals.
/// </summary>
internal static class StatusReplyEmitter
{
    private const string Outcome = "global::SmtpGen.ReplyOutcome";

    public static string Emit(ProtocolModel model)
    {
        string name = Names.Xml(model.ProtocolName);
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        writer.Line($"/// <summary>The longest reply line {name} accepts, in octets, CRLF included.</summary>");
        writer.Line($"public const int MaxReplyLine = {model.Options.MaxReplyLine};");
        writer.Line();
        string tokens = string.Join(", ", model.Statuses.Select(s => $"<c>{Names.Xml(s.Token)}</c> ({s.Outcome.ToLowerInvariant()})"));
        writer.Line($"/// <summary>Parses one {name} reply line, CRLF included, without allocating: a status token, {tokens}, and its text.</summary>");
        writer.Line("/// <param name=\"line\">The reply line as received, ending with CRLF.</param>");
        writer.Line("/// <param name=\"reply\">The parsed line when the result is <see cref=\"global::SmtpGen.ReplyStatus.Ok\"/>.</param>");
        writer.Line("/// <returns>Whether the line is a reply line, or why not.</returns>");
        writer.OpenBlock($"public static global::SmtpGen.ReplyStatus TryParseReplyLine({Names.Span} line, out global::SmtpGen.StatusLine reply)");
        writer.Line("reply = default;");
        writer.Line($"global::SmtpGen.ReplyStatus status = global::SmtpGen.StatusLine.TryGetContent(line, MaxReplyLine, out {Names.Span} content);");
        writer.OpenBlock("if (status != global::SmtpGen.ReplyStatus.Ok)");
        writer.Line("return status;");
        writer.CloseBlock();
        writer.Line();
        // A token matches only when SP or the line's end follows it, so no token can match a longer one's line.
        for (int i = 0; i < model.Statuses.Count; i++)
        {
            StatusModel status = model.Statuses[i];
            string match = $"global::SmtpGen.StatusLine.TryMatch(content, {Names.Utf8Literal(status.Token)}, {Outcome}.{status.Outcome}, out reply)";
            writer.Line((i == 0 ? "return " : "    || ") + match);
        }

        writer.Line("    ? global::SmtpGen.ReplyStatus.Ok");
        writer.Line("    : global::SmtpGen.ReplyStatus.SyntaxError;");
        writer.CloseBlock();
        if (model.ReplyEnum is { } replyEnum)
        {
            writer.Line();
            EmitReplies(writer, model, replyEnum);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitReplies(SourceWriter writer, ProtocolModel model, string replyEnum)
    {
        writer.Line("/// <summary>The reply as sent on the wire, status token, text and CRLF, e.g. <c>+OK</c>.</summary>");
        writer.Line("/// <param name=\"reply\">A fixed reply: one with arguments has a writer of its own.</param>");
        writer.Line($"public static {Names.Span} GetReplyBytes({replyEnum} reply) => reply switch");
        writer.Line("{");
        writer.Indent();
        foreach (ReplyModel reply in model.Replies)
        {
            if (reply.IsFixed)
            {
                writer.Line($"{replyEnum}.{reply.Member} => {Names.Utf8Literal(reply.WireText + "\r\n")},");
            }
            else
            {
                string message = $"The reply {reply.Member} has arguments: write it with Write{reply.Member}Reply.";
                writer.Line($"{replyEnum}.{reply.Member} => throw new global::System.InvalidOperationException({Names.StringLiteral(message)}),");
            }
        }

        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(reply)),");
        writer.CloseBlock("};");
        writer.Line();
        writer.Line("/// <summary>What the reply says of its command: its status token's outcome.</summary>");
        writer.EnumSwitch(
            $"public static {Outcome} GetReplyOutcome({replyEnum} reply)",
            "reply",
            replyEnum,
            model.Replies.Select(r => (r.Member, $"{Outcome}.{model.Statuses.First(s => s.Token == r.Status).Outcome}")));
        writer.Line();
        ReplyEmitter.EmitIsFixedReply(writer, model, replyEnum);
        writer.Line();
        writer.Line("/// <summary>Writes a fixed reply: a copy of its preformatted bytes.</summary>");
        writer.Line($"public static void WriteReply({Names.BufferWriter} output, {replyEnum} reply)");
        writer.Line("{");
        writer.Line("    global::System.ArgumentNullException.ThrowIfNull(output);");
        writer.Line($"    {Names.WriteBytes}(output, GetReplyBytes(reply));");
        writer.Line("}");
        foreach (ReplyModel reply in model.Replies.Where(static r => !r.IsFixed))
        {
            writer.Line();
            ReplyWriterEmitter.Emit(writer, reply, reply.Status + " " + reply.Text, [], writeStart: null, templatePrefix: reply.Status + " ");
            writer.Line();
            ReplyReaderEmitter.Emit(writer, reply, reply.Status + " " + reply.Text, "StatusLine",
                $"!global::System.Text.Ascii.EqualsIgnoreCase(line.Status, {Names.Utf8Literal(reply.Status!)})");
        }
    }
}
