using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the reply side: the protocol's reply syntax for the runtime's reply parser, and the fixed replies
/// preformatted as UTF-8 literals, so that sending one copies bytes and formats nothing.
/// </summary>
internal static class ReplyEmitter
{
    public static string Emit(ProtocolModel model)
    {
        ProtocolOptions options = model.Options;
        string name = Names.Xml(model.ProtocolName);
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        writer.Line($"/// <summary>The longest reply line {name} accepts, in octets, CRLF included.</summary>");
        writer.Line($"public const int MaxReplyLine = {options.MaxReplyLine};");
        writer.Line();
        writer.Line($"/// <summary>How {name} replies look: their longest line, enhanced status codes, preliminary replies and multi-line form.</summary>");
        writer.Line("public static readonly global::SmtpGen.ReplySyntax ReplySyntax = new(");
        writer.Line("    maxLineLength: MaxReplyLine,");
        writer.Line($"    enhancedStatusCodes: {Bool(options.EnhancedStatusCodes)},");
        writer.Line($"    preliminaryReplies: {Bool(options.PreliminaryReplies)},");
        if (!options.InformativeReplies && !options.AnySecondDigit)
        {
            writer.Line($"    multilineReplies: global::SmtpGen.MultilineReplies.{options.MultilineReplies});");
        }
        else
        {
            writer.Line($"    multilineReplies: global::SmtpGen.MultilineReplies.{options.MultilineReplies})");
            writer.Line("{");
            if (options.InformativeReplies)
            {
                writer.Line("    InformativeReplies = true,");
            }

            if (options.AnySecondDigit)
            {
                writer.Line("    AnySecondDigit = true,");
            }

            writer.Line("};");
        }

        writer.Line();
        writer.Line($"/// <summary>Parses one {name} reply line, CRLF included, without allocating.</summary>");
        writer.Line("/// <param name=\"line\">The reply line as received, ending with CRLF.</param>");
        writer.Line("/// <param name=\"reply\">The parsed line when the result is <see cref=\"global::SmtpGen.ReplyStatus.Ok\"/>.</param>");
        writer.Line("/// <returns>Whether the line is a reply line, or why not.</returns>");
        writer.Line($"public static global::SmtpGen.ReplyStatus TryParseReplyLine({Names.Span} line, out global::SmtpGen.ReplyLine reply) =>");
        writer.Line("    global::SmtpGen.ReplyLine.TryParse(line, ReplySyntax, out reply);");
        writer.Line();
        EmitGetReplyOutcome(writer, model);
        writer.Line();
        writer.Line($"/// <summary>Starts reading {Names.Article(model.ProtocolName)} {name} reply of one or more lines, a line at a time.</summary>");
        writer.Line("public static global::SmtpGen.ReplyAccumulator CreateReplyAccumulator() => new(ReplySyntax);");
        if (model.ReplyEnum is { } replyEnum)
        {
            writer.Line();
            EmitFixedReplies(writer, model, replyEnum);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// <c>GetReplyOutcome(code)</c>: what a reply says of its command in this protocol, as <c>Next</c> reads it. The
    /// runtime's <c>ReplyCode.Outcome</c> knows no protocol and takes every 1yz as intermediate, which a protocol with
    /// informative (final) 1yz replies, NNTP's, does not.
    /// </summary>
    private static void EmitGetReplyOutcome(SourceWriter writer, ProtocolModel model)
    {
        string name = Names.Xml(model.ProtocolName);
        string classes = model.Options.InformativeReplies
            ? "1yz (informative, final) and 2yz positive, 3yz intermediate, 4yz and 5yz negative"
            : "its class's outcome, <see cref=\"global::SmtpGen.ReplyCode.Outcome\"/>";
        writer.Line($"/// <summary>What a reply of <paramref name=\"code\"/> says of its command in {name}, as <c>Next</c> reads it: {classes}.</summary>");
        writer.Line("public static global::SmtpGen.ReplyOutcome GetReplyOutcome(global::SmtpGen.ReplyCode code) => ReplySyntax.GetOutcome(code);");
    }

    private static void EmitFixedReplies(SourceWriter writer, ProtocolModel model, string replyEnum)
    {
        // RFC 2034: enhanced status codes go only to clients that were told ENHANCEDSTATUSCODES, so a protocol
        // that has them gets each reply in both forms.
        bool both = model.Options.EnhancedStatusCodes;
        string parameter = both ? ", bool enhancedStatusCode = false" : "";
        string example = model.Replies.FirstOrDefault(static r => r.IsFixed) is { } first
            ? $", e.g. <c>{Names.Xml($"{first.Code} {(both && first.EnhancedStatusCode is { } status ? status + " " : "")}{first.Text}")}</c>"
            : "";
        writer.Line($"/// <summary>The reply as sent on the wire, code, text and CRLF{example}.</summary>");
        writer.Line("/// <param name=\"reply\">The reply.</param>");
        if (both)
        {
            writer.Line("/// <param name=\"enhancedStatusCode\">Whether the text starts with the reply's RFC 3463 code: only for clients that were told ENHANCEDSTATUSCODES (RFC 2034).</param>");
            writer.Line($"public static {Names.Span} GetReplyBytes({replyEnum} reply{parameter}) => enhancedStatusCode");
            writer.Indent();
            EmitReplySwitch(writer, model, replyEnum, "? ", withStatus: true);
            EmitReplySwitch(writer, model, replyEnum, ": ", withStatus: false);
            writer.Unindent();
        }
        else
        {
            writer.Line($"public static {Names.Span} GetReplyBytes({replyEnum} reply) =>");
            writer.Indent();
            EmitReplySwitch(writer, model, replyEnum, "", withStatus: true);
            writer.Unindent();
        }

        writer.Line();
        writer.Line("/// <summary>The reply's three-digit code.</summary>");
        writer.EnumSwitch($"public static int GetReplyCode({replyEnum} reply)", "reply", replyEnum, model.Replies.Select(static r => (r.Member, r.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        writer.Line();
        EmitIsFixedReply(writer, model, replyEnum);
        writer.Line();
        writer.Line("/// <summary>Writes a fixed reply: a copy of its preformatted bytes. A reply with arguments has a writer of its own.</summary>");
        writer.Line($"public static void WriteReply({Names.BufferWriter} output, {replyEnum} reply{parameter})");
        writer.Line("{");
        writer.Line("    global::System.ArgumentNullException.ThrowIfNull(output);");
        writer.Line($"    {Names.WriteBytes}(output, GetReplyBytes(reply{(both ? ", enhancedStatusCode" : "")}));");
        writer.Line("}");
        foreach (ReplyModel reply in model.Replies.Where(r => !r.IsFixed))
        {
            writer.Line();
            EmitTemplateWriter(writer, model, reply);
            writer.Line();
            ReplyReaderEmitter.Emit(writer, reply, $"{reply.Code} {reply.Text}", "ReplyLine", $"!line.HasCode || line.Code.Value != {reply.Code}");
        }
    }

    /// <summary>A reply with arguments, <c>220 {domain} Service ready</c>: its code, SP or "-", and the enhanced code when asked for.</summary>
    private static void EmitTemplateWriter(SourceWriter writer, ProtocolModel model, ReplyModel reply)
    {
        bool enhanced = model.Options.EnhancedStatusCodes && reply.EnhancedStatusCode is not null;
        var options = new List<(string, string)>
        {
            ("bool more = false", "/// <param name=\"more\">Whether more lines of the reply follow this one: \"-\" after the code instead of SP.</param>"),
        };
        if (enhanced)
        {
            options.Add(("bool enhancedStatusCode = false", "/// <param name=\"enhancedStatusCode\">Whether the text starts with the reply's RFC 3463 code: only for clients that were told ENHANCEDSTATUSCODES (RFC 2034).</param>"));
        }

        ReplyWriterEmitter.Emit(writer, reply, $"{reply.Code} {reply.Text}", options, start =>
        {
            start.Line($"line.Append(more ? {Names.Utf8Literal(reply.Code + "-")} : {Names.Utf8Literal(reply.Code + " ")});");
            if (enhanced)
            {
                start.OpenBlock("if (enhancedStatusCode)");
                start.Line($"line.Append({Names.Utf8Literal(reply.EnhancedStatusCode + " ")});");
                start.CloseBlock();
                start.Line();
            }
        }, templatePrefix: "");
    }

    /// <summary>
    /// Emits <c>IsFixedReply</c>: whether <c>GetReplyBytes</c> and <c>WriteReply</c> can write a reply, so that code that
    /// takes a reply from its caller can refuse one with arguments up front instead of catching their exception.
    /// </summary>
    internal static void EmitIsFixedReply(SourceWriter writer, ProtocolModel model, string replyEnum)
    {
        writer.Line("/// <summary>Whether the reply's text is fixed, so that <see cref=\"GetReplyBytes\"/> and <see cref=\"WriteReply\"/> write it: a reply with arguments has a writer of its own.</summary>");
        string[] withArguments = model.Replies.Where(static r => !r.IsFixed).Select(r => $"{replyEnum}.{r.Member}").ToArray();
        if (withArguments.Length == 0)
        {
            writer.Line($"public static bool IsFixedReply({replyEnum} reply) => true;");
            return;
        }

        writer.Line($"public static bool IsFixedReply({replyEnum} reply) => reply switch");
        writer.Line("{");
        writer.Indent();
        for (int i = 0; i < withArguments.Length; i++)
        {
            // One reply a line, the first at the arm's indent and the rest joined by "or" under it.
            string reply = i == 0 ? withArguments[i] : "    or " + withArguments[i];
            writer.Line(reply + (i == withArguments.Length - 1 ? " => false," : ""));
        }

        writer.Line("_ => true,");
        writer.CloseBlock("};");
    }

    private static void EmitReplySwitch(SourceWriter writer, ProtocolModel model, string replyEnum, string prefix, bool withStatus)
    {
        writer.Line(prefix + "reply switch");
        writer.Line("{");
        writer.Indent();
        foreach (ReplyModel reply in model.Replies)
        {
            if (!reply.IsFixed)
            {
                string message = $"The reply {reply.Member} has arguments: write it with Write{reply.Member}Reply.";
                writer.Line($"{replyEnum}.{reply.Member} => throw new global::System.InvalidOperationException({Names.StringLiteral(message)}),");
                continue;
            }

            string status = withStatus && reply.EnhancedStatusCode is { } code ? code + " " : "";
            writer.Line($"{replyEnum}.{reply.Member} => {Names.Utf8Literal($"{reply.Code} {status}{reply.Text}\r\n")},");
        }

        writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(reply)),");
        writer.CloseBlock(prefix.Length == 0 || prefix == ": " ? "};" : "}");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
