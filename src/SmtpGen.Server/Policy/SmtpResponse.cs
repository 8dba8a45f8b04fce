using System.Buffers;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>A policy's answer: accept, or refuse with a reply of the policy's choosing (e.g. <c>550 5.1.1</c>).</summary>
public readonly struct SmtpResponse : IEquatable<SmtpResponse>
{
    private static readonly SearchValues<char> PrintableOrTab = SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly string? _text;
    private readonly byte[]? _utf8Text;

    private SmtpResponse(ReplyCode code, EnhancedStatusCode status, string text, bool isWritten = false)
    {
        Code = code;
        EnhancedStatusCode = status;
        _text = text;
        _utf8Text = Encoding.UTF8.GetBytes(text);
        IsWritten = isWritten;
    }

    /// <summary>Go on as if no policy were there.</summary>
    public static SmtpResponse Accept => default;

    /// <summary>Whether this accepts.</summary>
    public bool IsAccepted => Code.Value == 0;

    /// <summary>The reply code of a refusal (4yz or 5yz).</summary>
    public ReplyCode Code { get; }

    /// <summary>The enhanced status code of a refusal, sent when the session announced ENHANCEDSTATUSCODES.</summary>
    public EnhancedStatusCode EnhancedStatusCode { get; }

    /// <summary>The text of a refusal; empty for <see cref="Accept"/> (and <c>default</c>, which is it).</summary>
    public string Text => _text ?? "";

    /// <summary>The text as the reply line carries it, encoded once when the response is made.</summary>
    internal byte[] Utf8Text => _utf8Text ?? [];

    /// <summary>Whether the server wrote the reply already (a greeting, a hello): only its code is left to act on.</summary>
    internal bool IsWritten { get; }

    /// <summary>Answers a command with any reply: a handler's answer to a command of its own.</summary>
    /// <param name="code">A reply code from 200 to 599.</param>
    /// <param name="enhancedStatusCode">The RFC 3463 code, e.g. <c>"2.0.0"</c>, of the same class as <paramref name="code"/>; null for none.</param>
    /// <param name="text">The text, one line of printable ASCII (and HTAB).</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentException">The code is out of range, the codes disagree, or the text cannot be a reply line.</exception>
    public static SmtpResponse Reply(int code, string? enhancedStatusCode, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (code is < 200 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A reply to a command has a code from 200 to 599.");
        }

        EnhancedStatusCode status = default;
        if (enhancedStatusCode is not null && (!EnhancedStatusCode.TryParse(enhancedStatusCode, out status) || status.Class != code / 100))
        {
            throw new ArgumentException($"'{enhancedStatusCode}' is not an enhanced status code of class {code / 100} (RFC 3463).", nameof(enhancedStatusCode));
        }

        if (text.AsSpan().ContainsAnyExcept(PrintableOrTab))
        {
            throw new ArgumentException("A reply's text may not hold CR, LF or other control characters.", nameof(text));
        }

        return new SmtpResponse(new ReplyCode(code), status, text);
    }

    /// <summary>
    /// Answers with a reply of a definition that extends SMTP, as its generated <c>GetReplyBytes</c> gives it:
    /// <c>SmtpResponse.FromReplyLine(XclientProtocol.GetReplyBytes(XclientProtocol.Reply.NotAuthorized, enhancedStatusCode: true))</c>;
    /// a reply with arguments as its <c>Write{Member}Reply</c> writes it into a buffer (an <c>ArrayBufferWriter&lt;byte&gt;</c>'s <c>WrittenSpan</c>).
    /// </summary>
    /// <param name="line">One reply line, code, enhanced status code (if any), text and CRLF.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentException">The line is not one reply line of 200 to 599.</exception>
    public static SmtpResponse FromReplyLine(ReadOnlySpan<byte> line)
    {
        if (ReplyLine.TryParse(line, SmtpProtocol.ReplySyntax, out ReplyLine reply) != ReplyStatus.Ok || !reply.IsLast)
        {
            throw new ArgumentException("Not one reply line ended by CRLF.", nameof(line));
        }

        return Reply(reply.Code.Value, reply.EnhancedStatusCode.IsEmpty ? null : reply.EnhancedStatusCode.ToString(), Encoding.UTF8.GetString(reply.Text));
    }

    /// <summary>A reply the server has written itself, e.g. its greeting after a restart.</summary>
    internal static SmtpResponse Written(int code) => new(new ReplyCode(code), default, "", isWritten: true);

    /// <summary>Refuses with a reply code, an enhanced status code and a text.</summary>
    /// <param name="code">A 4yz (try again later) or 5yz (permanent) reply code.</param>
    /// <param name="enhancedStatusCode">The RFC 3463 code, e.g. <c>"5.1.1"</c>, of the same class as <paramref name="code"/>.</param>
    /// <param name="text">The text, one line of printable ASCII (and HTAB).</param>
    /// <exception cref="ArgumentException">The code is not 4yz or 5yz, the codes disagree, or the text cannot be a reply line.</exception>
    public static SmtpResponse Refuse(int code, string enhancedStatusCode, string text)
    {
        ArgumentNullException.ThrowIfNull(enhancedStatusCode);
        if (code is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A refusal is a 4yz or 5yz reply code.");
        }

        return Reply(code, enhancedStatusCode, text);
    }

    /// <summary>Refuses with one of the SMTP definition's fixed replies.</summary>
    /// <param name="reply">A 4yz or 5yz reply, e.g. <see cref="SmtpProtocol.Reply.MailboxUnavailable"/>.</param>
    /// <exception cref="ArgumentException">The reply is not a refusal, or its text takes arguments (<see cref="SmtpProtocol.Reply.ParameterNotRecognized"/>: refuse with <see cref="Refuse(int, string, string)"/>).</exception>
    public static SmtpResponse Refuse(SmtpProtocol.Reply reply)
    {
        int code = SmtpProtocol.GetReplyCode(reply);
        if (code < 400)
        {
            throw new ArgumentException($"{reply} ({code}) is not a refusal.", nameof(reply));
        }

        if (!SmtpProtocol.IsFixedReply(reply))
        {
            throw new ArgumentException($"{reply} ({code}) takes arguments in its text: refuse with Refuse(code, enhancedStatusCode, text).", nameof(reply));
        }

        ReplyLine.TryParse(SmtpProtocol.GetReplyBytes(reply, enhancedStatusCode: true), SmtpProtocol.ReplySyntax, out ReplyLine parsed);
        return new SmtpResponse(parsed.Code, parsed.EnhancedStatusCode, Encoding.ASCII.GetString(parsed.Text));
    }

    /// <inheritdoc/>
    public bool Equals(SmtpResponse other) =>
        Code.Equals(other.Code) && EnhancedStatusCode.Equals(other.EnhancedStatusCode) && Text == other.Text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SmtpResponse other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, EnhancedStatusCode, Text);

    /// <inheritdoc/>
    public override string ToString() => IsAccepted ? "accept" : $"{Code} {EnhancedStatusCode} {Text}";

    /// <summary>Compares two responses.</summary>
    public static bool operator ==(SmtpResponse left, SmtpResponse right) => left.Equals(right);

    /// <summary>Compares two responses.</summary>
    public static bool operator !=(SmtpResponse left, SmtpResponse right) => !left.Equals(right);
}
