using System.Buffers;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// The parameters of MAIL or RCPT: <c>esmtp-param *(SP esmtp-param)</c>,
/// <c>esmtp-param = esmtp-keyword ["=" esmtp-value]</c> (RFC 5321 §4.1.2), with UTF-8 in values (RFC 6531 §3.3).
/// </summary>
public static class Parameters
{
    private const string Grammar = "RFC 5321 §4.1.2 esmtp-param *(SP esmtp-param), at least one";

    /// <summary>Scans parameters at <paramref name="position"/>, as many as follow one another.</summary>
    /// <param name="content">The command line without its CRLF.</param>
    /// <param name="position">Where the parameters start; advanced past them on success, unchanged otherwise.</param>
    /// <param name="value">The parameters.</param>
    /// <returns>Whether at least one parameter starts at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out EsmtpParameters value)
    {
        bool found = Token.Take(content, ref position, Scan(content[position..]), out ReadOnlySpan<byte> raw);
        value = new EsmtpParameters(raw);
        return found;
    }

    /// <summary>Writes parameters. Empty parameters are written by leaving out the optional group that holds them.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The parameters.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public static void Write(IBufferWriter<byte> output, EsmtpParameters value) =>
        Token.Write(output, value.Raw, CheckedLength(value), nameof(Parameters), Grammar);

    /// <summary>Writes parameters into <paramref name="destination"/> if they fit.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The parameters.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public static bool TryWrite(Span<byte> destination, EsmtpParameters value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, EsmtpParameters, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The parameters.</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public static bool TryWrite(Span<byte> destination, EsmtpParameters value, out int written, string paramName) =>
        Token.TryWrite(destination, value.Raw, CheckedLength(value), nameof(Parameters), Grammar, paramName, out written);

    /// <summary>
    /// What a scan of <paramref name="value"/> would match: all of it. <see cref="EsmtpParameters"/> are checked against
    /// the grammar when they are made (<see cref="EsmtpParameters.TryCreate"/>, or a parsed line), so writing them does
    /// not scan them again. Their octets are the caller's memory, though, which may have changed since: a control octet
    /// (CR, LF, NUL) would end or break the command line, so that one search is made, and finding one refuses all of it.
    /// </summary>
    private static int CheckedLength(EsmtpParameters value) =>
        value.Raw.IndexOfAnyInRange((byte)0, (byte)31) < 0 ? value.Raw.Length : 0;

    /// <summary>
    /// The length of the longest run of parameters <paramref name="span"/> starts with, or 0. When all of the span is
    /// the usual parameters in ASCII (the rest of a MAIL or RCPT line, a value <see cref="EsmtpParameters.TryCreate"/>
    /// is given), that is checked at once (<see cref="AsciiShapes"/>): the longest run is then all of it.
    /// </summary>
    internal static int Scan(ReadOnlySpan<byte> span) =>
        AsciiShapes.IsParameters(span) ? span.Length : OneByOne(span);

    /// <summary>What <see cref="Scan"/> finds, parameter by parameter, UTF-8 included.</summary>
    internal static int OneByOne(ReadOnlySpan<byte> span) => Syntax.List(span, (byte)' ', Parameter);

    /// <summary>
    /// <c>esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")</c>, then optionally
    /// <c>"=" esmtp-value</c>, <c>esmtp-value = 1*(%d33-60 / %d62-126)</c> (RFC 6531 §3.3: <c>=/ UTF8-non-ascii</c>).
    /// </summary>
    private static int Parameter(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty || !Syntax.LetDig.Contains(span[0]))
        {
            return 0;
        }

        int keyword = span.IndexOfAnyExcept(Syntax.Ldh);
        if (keyword < 0 || span[keyword] != (byte)'=')
        {
            return keyword < 0 ? span.Length : keyword;
        }

        int value = Syntax.SpanOf(span[(keyword + 1)..], Syntax.EsmtpValue);
        return value == 0 ? keyword : keyword + 1 + value;
    }
}
