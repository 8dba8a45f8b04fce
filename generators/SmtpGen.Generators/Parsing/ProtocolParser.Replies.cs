using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

internal sealed partial class ProtocolParser
{
    private const string StatusAttributeName = "SmtpGen.StatusAttribute";

    /// <summary>
    /// The status tokens of a protocol whose replies start with one (<c>[Status("+OK", ReplyOutcome.Positive)]</c>):
    /// the base's, then this definition's own, each once.
    /// </summary>
    private void ReadStatuses(Definition definition, AttributeData protocol)
    {
        if (definition.Base is { } @base)
        {
            definition.Statuses.AddRange(@base.Statuses);
        }

        // A token refused below has been reported: "none is declared" is only for a definition that wrote none.
        bool written = false;
        foreach (AttributeData attribute in definition.Type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != StatusAttributeName)
            {
                continue;
            }

            written = true;
            if (attribute.ConstructorArguments is not [{ Type.SpecialType: SpecialType.System_String } tokenArgument, { } outcome])
            {
                continue;
            }

            if (tokenArgument.Value is not string token)
            {
                Report(DiagnosticDescriptors.InvalidStatus, _locations.Attribute(attribute), "null: a token is printable ASCII, without SP");
                continue;
            }

            string? outcomeName = EnumMemberName(outcome);
            string? problem = !definition.Options.HasStatusReplies
                ? definition.Base is not null
                    ? $"the protocol's replies are not status tokens: it keeps the reply form of '{definition.Base.Type.Name}', ReplyForm.{definition.Options.ReplyForm}"
                    : "the protocol's replies are not status tokens (set Replies = ReplyForm.Status on [LineProtocol])"
                : outcomeName is null
                    ? "its outcome is none of ReplyOutcome's members"
                    : token.Length == 0 || token.Any(static c => c <= ' ' || c > '~')
                        ? "a token is printable ASCII, without SP"
                        : definition.Statuses.Exists(s => string.Equals(s.Token, token, System.StringComparison.OrdinalIgnoreCase))
                            ? "the protocol declares it already"
                            : null;
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidStatus, _locations.Attribute(attribute), $"'{token}': {problem}");
                continue;
            }

            definition.Statuses.Add(new StatusModel(token, outcomeName!));
        }

        if (definition.Options.HasStatusReplies && definition.Statuses.Count == 0 && !written)
        {
            Report(DiagnosticDescriptors.InvalidStatus, _locations.Attribute(protocol), "none is declared; a protocol whose replies start with a status token declares each with [Status(\"+OK\", ReplyOutcome.Positive)]");
        }
    }

    /// <summary>
    /// The fixed replies: the base's, then this definition's own; one of the base's name replaces it. A base's reply
    /// that no longer fits this definition's lower <c>MaxReplyLine</c> is reported there and dropped; a definition
    /// without enhanced status codes takes the base's replies without theirs.
    /// </summary>
    private void ReadReplies(Definition definition, AttributeData protocol)
    {
        if (definition.Base is { } @base)
        {
            Location? limit = _locations.Argument(protocol, "MaxReplyLine");
            foreach (ReplyDraft draft in @base.Replies)
            {
                ReplyModel? model = draft.Model is { EnhancedStatusCode: not null } withStatus && !definition.Options.EnhancedStatusCodes
                    ? withStatus with { EnhancedStatusCode = null }
                    : draft.Model;
                definition.Replies.Add(draft with { Model = model is null ? null : FitsReplyLine(definition, limit, model) });
            }
        }

        if (definition.ReplyEnum is null)
        {
            return;
        }

        long next = NextValue(definition.Replies.Select(static r => r.Value));
        foreach (IFieldSymbol field in Fields(definition.ReplyEnum))
        {
            ReplyModel? reply = ReadReply(definition, field);
            int inherited = definition.Replies.FindIndex(r => r.Member == field.Name);
            if (inherited >= 0)
            {
                definition.Replies[inherited] = new ReplyDraft(field.Name, definition.Replies[inherited].Value, reply, Origin(field));
            }
            else
            {
                definition.Replies.Add(new ReplyDraft(field.Name, definition.Extends ? next++ : ToLong(field.ConstantValue), reply, Origin(field)));
            }
        }
    }

    private ReplyModel? ReadReply(Definition definition, IFieldSymbol field)
    {
        AttributeData? reply = FindAttribute(field, ReplyAttributeName);
        if (reply is null)
        {
            Report(DiagnosticDescriptors.MissingReply, field.Locations.FirstOrDefault(), field.Name);
            return null;
        }

        ImmutableArray<TypedConstant> arguments = reply.ConstructorArguments;
        ProtocolOptions options = definition.Options;
        if (arguments is [{ Value: string token }, { Value: string statusText }])
        {
            return ReadStatusReply(definition, field, reply, token, statusText);
        }

        if (arguments is [{ Type.SpecialType: SpecialType.System_String, Value: null }, _])
        {
            Report(DiagnosticDescriptors.ReplyOfAnotherForm, _locations.Attribute(reply), field.Name, "its status token is null");
            return null;
        }

        if (arguments.Length is not (2 or 3) || arguments[0].Value is not int code)
        {
            definition.IsWhole = false;
            return null; // the compiler reports the malformed attribute itself
        }

        if (!options.HasReplies || options.HasStatusReplies)
        {
            Report(DiagnosticDescriptors.ReplyOfAnotherForm, _locations.Attribute(reply), field.Name, options.HasReplies
                ? "it has a code, and the protocol's replies start with a status token"
                : "the protocol has no replies (ReplyForm.None)");
            return null;
        }

        int lowest = options.HasOneYzReplies ? 100 : 200;
        string? enhanced = arguments.Length == 3 ? arguments[1].Value as string : null;
        string text = arguments[arguments.Length - 1].Value as string ?? "";
        bool valid = true;
        if (code < lowest || code > 599 || (!options.AnySecondDigit && code / 10 % 10 > 5))
        {
            string why = options.AnySecondDigit ? "any second digit"
                : code / 10 % 10 > 5 ? "a second digit of 0 to 5 (RFC 5321 §4.2.1; AnySecondDigit = true on [LineProtocol] allows 6 to 9, as NNTP's x8x and x9x)"
                : "a second digit of 0 to 5";
            if (code is >= 100 and < 200 && lowest == 200)
            {
                why += "; a 1yz code needs PreliminaryReplies = true (another reply follows, FTP's 150) or InformativeReplies = true (the reply is final, NNTP's 101) on [LineProtocol]";
            }

            Report(DiagnosticDescriptors.ReplyCodeOutOfRange, _locations.Attribute(reply), code.ToString(), lowest.ToString(), why);
            valid = false;
        }
        else if (enhanced is not null && !options.EnhancedStatusCodes)
        {
            Report(DiagnosticDescriptors.InvalidEnhancedStatusCode, _locations.Attribute(reply), enhanced, code.ToString(), "the protocol does not use enhanced status codes (set EnhancedStatusCodes = true on [LineProtocol])");
            valid = false;
        }
        else if (enhanced is not null && EnhancedStatusCodeSyntax.Check(enhanced, code) is { } problem)
        {
            Report(DiagnosticDescriptors.InvalidEnhancedStatusCode, _locations.Attribute(reply), enhanced, code.ToString(), problem);
            valid = false;
        }

        // RFC 5321 §4.2 makes the text optional; an intermediate reply may go without (RFC 4954's "334 ").
        if ((text.Length == 0 && code / 100 != 3) || HasControl(text))
        {
            Report(DiagnosticDescriptors.InvalidReplyText, _locations.Attribute(reply), field.Name);
            valid = false;
        }

        if (!valid || !TryReadTemplate(reply, ref text, arguments.Length - 1, out EquatableArray<PatternNode> template))
        {
            return null;
        }

        return FitsReplyLine(definition, _locations.Attribute(reply), new ReplyModel(field.Name, code, enhanced, text, template));
    }

    /// <summary>Whether reply text holds a control character: all but the tab, which RFC 5321's textstring allows (§4.2), as the reply parsers do.</summary>
    private static bool HasControl(string text) => text.Any(static c => (c < 0x20 && c != '\t') || c == 0x7F);

    /// <summary>A reply of a protocol whose replies start with a status token: <c>[Reply("+OK", "text")]</c>.</summary>
    private ReplyModel? ReadStatusReply(Definition definition, IFieldSymbol field, AttributeData reply, string token, string text)
    {
        if (!definition.Options.HasStatusReplies)
        {
            Report(DiagnosticDescriptors.ReplyOfAnotherForm, _locations.Attribute(reply), field.Name, definition.Options.HasReplies
                ? "it has a status token, and the protocol's replies start with a code"
                : "the protocol has no replies (ReplyForm.None)");
            return null;
        }

        if (definition.Statuses.Find(s => string.Equals(s.Token, token, System.StringComparison.OrdinalIgnoreCase)) is not { } status)
        {
            Report(DiagnosticDescriptors.ReplyOfAnotherForm, _locations.Attribute(reply), field.Name, $"'{token}' is none of the protocol's status tokens");
            return null;
        }

        if (HasControl(text))
        {
            Report(DiagnosticDescriptors.InvalidReplyText, _locations.Attribute(reply), field.Name);
            return null;
        }

        if (!TryReadTemplate(reply, ref text, 1, out EquatableArray<PatternNode> template))
        {
            return null;
        }

        return FitsReplyLine(definition, _locations.Attribute(reply), new ReplyModel(field.Name, 0, null, text, template, status.Token));
    }

    /// <summary>
    /// The reply when its line fits <c>MaxReplyLine</c>; null, reported at <paramref name="where"/> (its [Reply], or the
    /// setting that lowered the limit under a base's reply), when it does not. One that does not would be written whole
    /// by <c>GetReplyBytes</c> and refused by the protocol's own reply parser, or never be written.
    /// </summary>
    private ReplyModel? FitsReplyLine(Definition definition, Location? where, ReplyModel model)
    {
        int length = ShortestLine(model);
        if (length <= definition.Options.MaxReplyLine)
        {
            return model;
        }

        Report(DiagnosticDescriptors.ReplyLineTooLong, where, model.Member, length.ToString(), definition.Options.MaxReplyLine.ToString());
        return null;
    }

    /// <summary>
    /// The octets of the shortest line the reply makes, CRLF included: its code or token, the enhanced status code it
    /// declares and its text in UTF-8 (for a template, the literal text alone, each capture at least an octet).
    /// </summary>
    private static int ShortestLine(ReplyModel reply)
    {
        string head = reply.WireText.Substring(0, reply.WireText.Length - reply.Text.Length);
        int text = reply.IsFixed
            ? System.Text.Encoding.UTF8.GetByteCount(reply.Text)
            : reply.Template.Sum(static n => n.Kind == PatternNodeKind.Literal ? System.Text.Encoding.UTF8.GetByteCount(n.Text) : 1);
        return System.Text.Encoding.UTF8.GetByteCount(head) + text + "\r\n".Length;
    }

    /// <summary>
    /// Reads a reply text that holds braces: captures make it a template; doubled braces alone are literal text, and
    /// the reply stays fixed with them undoubled (<c>"use {{braces}}"</c> is sent as <c>use {braces}</c>).
    /// </summary>
    private bool TryReadTemplate(AttributeData reply, ref string text, int argument, out EquatableArray<PatternNode> template)
    {
        template = EquatableArray<PatternNode>.Empty;
        if (text.IndexOf('{') < 0 && text.IndexOf('}') < 0)
        {
            return true;
        }

        PatternSyntax syntax = PatternParser.ParseTemplate(text);
        if (syntax.Error is not null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(reply, syntax.ErrorSpan, argument), text, syntax.Error);
            return false;
        }

        if (ResolveNodes(syntax.Tail, text, reply, new Dictionary<string, string>(), optional: false, argument) is not { } nodes)
        {
            return false;
        }

        if (nodes.Any(static n => n.Kind != PatternNodeKind.Literal))
        {
            template = nodes;
        }
        else
        {
            text = string.Concat(nodes.Select(static n => n.Text));
        }

        return true;
    }
}
