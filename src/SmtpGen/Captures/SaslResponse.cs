using System.Buffers;
using System.Buffers.Text;
using SmtpGen.Grammar;

namespace SmtpGen.Captures;

/// <summary>
/// A SASL response or challenge as SMTP carries it (RFC 4954 §4): base64 text, or a single <c>=</c> for a response
/// of zero length. The scan takes the base64 alphabet and its pad character; <see cref="TryDecode"/> is strict about
/// where the padding may stand, so that a response that does not decode gets its own reply (501 5.5.2).
/// </summary>
public static class SaslResponse
{
    private const string Grammar = "RFC 4954 §4 initial-response, base64 text or \"=\"";

    /// <summary>Scans a response at <paramref name="position"/>: the longest run of base64 characters and '='.</summary>
    /// <param name="content">The line without its CRLF.</param>
    /// <param name="position">Where the response starts; advanced past it on success, unchanged otherwise.</param>
    /// <param name="value">The response as sent, still encoded.</param>
    /// <returns>Whether a base64 character or '=' is at <paramref name="position"/>.</returns>
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Token.Take(content, ref position, Syntax.AsciiSpanOf(content[position..], Syntax.Base64Char), out value);

    /// <summary>Writes an encoded response.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">The response, base64 text or "=".</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not base64 text nor "=".</exception>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> value) =>
        Token.Write(output, value, ValidLength(value), nameof(SaslResponse), Grammar);

    /// <summary>Writes an encoded response into <paramref name="destination"/> if it fits.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The response, base64 text or "=".</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not base64 text nor "=".</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        TryWrite(destination, value, out written, nameof(value));

    /// <summary>As <see cref="TryWrite(Span{byte}, ReadOnlySpan{byte}, out int)"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name="paramName"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="value">The response, base64 text or "=".</param>
    /// <param name="written">The octets written; 0 when the value does not fit.</param>
    /// <param name="paramName">The name the <see cref="ArgumentException"/> gives the value: the writer's parameter.</param>
    /// <returns>Whether the value fitted into <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not base64 text nor "=".</exception>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Token.TryWrite(destination, value, ValidLength(value), nameof(SaslResponse), Grammar, paramName, out written);

    /// <summary>
    /// Decodes a response: "=" is empty; anything else must be base64 with padding only at its end (RFC 4954 §4:
    /// "=AAA" and "AAA=BBB" are refused), and fit into <paramref name="destination"/>.
    /// </summary>
    /// <param name="value">The response as sent.</param>
    /// <param name="destination">Where the decoded octets go; <see cref="Base64.GetMaxDecodedFromUtf8Length"/> of the value's length is enough.</param>
    /// <param name="written">The decoded octets.</param>
    /// <returns>Whether the response decoded.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> value, Span<byte> destination, out int written)
    {
        written = 0;
        if (value.Length == 1 && value[0] == (byte)'=')
        {
            return true;
        }

        return !value.IsEmpty && value.Length % 4 == 0 && value.IndexOfAnyExcept(Syntax.Base64Char) < 0
            && Base64.DecodeFromUtf8(value, destination, out _, out written) == OperationStatus.Done;
    }

    /// <summary>The length of <paramref name="value"/> when all of it is a response that decodes, else 0.</summary>
    private static int ValidLength(ReadOnlySpan<byte> value)
    {
        Span<byte> scratch = value.Length <= 1024 ? stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(value.Length)] : new byte[Base64.GetMaxDecodedFromUtf8Length(value.Length)];
        return TryDecode(value, scratch, out _) ? value.Length : 0;
    }
}
