using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Unicode;

namespace SmtpGen.Server;

/// <summary>
/// The trace headers a server puts before a message it delivers (RFC 5321 §4.4), formatted into a span without allocating:
/// <code>
/// Return-Path: &lt;alice@example.com&gt;
/// Received: from client.example.com ([192.0.2.1])
///         by mail.example.com with ESMTPS id 1764495600.M1P2Q3.mail
///         for &lt;bob@example.com&gt;; Tue, 16 Apr 2025 10:00:00 +0000
/// </code>
/// </summary>
internal static class TraceHeaders
{
    /// <summary>What follows the date and time: UTC's offset, and the end of the header.</summary>
    private static ReadOnlySpan<byte> UtcAndLineEnd => " +0000\r\n"u8;

    /// <summary>
    /// The protocol of the <c>with</c> clause: SMTP after HELO; after EHLO, ESMTP with RFC 3848's S for TLS and A for AUTH;
    /// LMTP the same way; a transaction whose MAIL asked for UTF-8 (RFC 6531 §3.7.3, §4.3) UTF8SMTP or UTF8LMTP, with
    /// the same S and A.
    /// </summary>
    /// <param name="session">The session that received the message.</param>
    /// <param name="lmtp">Whether the session speaks LMTP (RFC 2033).</param>
    /// <param name="utf8">Whether the transaction's MAIL had RFC 6531's parameter.</param>
    public static string Protocol(SmtpSessionInfo session, bool lmtp, bool utf8) => (utf8, lmtp, session.IsExtended, session.IsSecure, session.IsAuthenticated) switch
    {
        (false, false, false, _, _) => "SMTP",
        (false, false, true, false, false) => "ESMTP",
        (false, false, true, true, false) => "ESMTPS",
        (false, false, true, false, true) => "ESMTPA",
        (false, false, true, true, true) => "ESMTPSA",
        (false, true, _, false, false) => "LMTP",
        (false, true, _, true, false) => "LMTPS",
        (false, true, _, false, true) => "LMTPA",
        (false, true, _, true, true) => "LMTPSA",
        (true, false, _, false, false) => "UTF8SMTP",
        (true, false, _, true, false) => "UTF8SMTPS",
        (true, false, _, false, true) => "UTF8SMTPA",
        (true, false, _, true, true) => "UTF8SMTPSA",
        (true, true, _, false, false) => "UTF8LMTP",
        (true, true, _, true, false) => "UTF8LMTPS",
        (true, true, _, false, true) => "UTF8LMTPA",
        (true, true, _, true, true) => "UTF8LMTPSA",
    };

    /// <summary>Writes <c>Return-Path:</c> and <c>Received:</c> for <paramref name="envelope"/>'s message.</summary>
    /// <param name="destination">Where to write: room for the names and addresses of a session, a few hundred octets.</param>
    /// <param name="envelope">The message's envelope: its session, client, HELO name, reverse path, recipients and time.</param>
    /// <param name="serverName">The server's name, for <c>by</c>.</param>
    /// <param name="protocol">The protocol, for <c>with</c> (<see cref="Protocol"/>).</param>
    /// <param name="id">The message's id in the store, for <c>id</c>: the one its 250 and its log line name.</param>
    /// <returns>The octets written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Write(Span<byte> destination, MessageEnvelope envelope, string serverName, string protocol, string id)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        bool fits = Utf8.TryWrite(destination, invariant, $"Return-Path: <{envelope.ReversePath}>\r\nReceived: from {envelope.HeloName}", out int length);
        int written = 0;
        if (fits && envelope.ClientEndPoint is IPEndPoint { Address: IPAddress address })
        {
            // §4.4's TCP-info: the address the connection came from, as an address literal (§4.1.3).
            address = ClientEndPoint.Unmapped(address);
            fits = address.AddressFamily == AddressFamily.InterNetworkV6
                ? Utf8.TryWrite(destination[length..], invariant, $" ([IPv6:{address}])", out written)
                : Utf8.TryWrite(destination[length..], invariant, $" ([{address}])", out written);
            length += written;
        }

        fits = fits && Utf8.TryWrite(destination[length..], invariant, $"\r\n\tby {serverName} with {protocol} id {id}", out written);
        length += written;

        // The recipient only when there is one (§7.6: naming several would tell each of the others).
        fits = fits && (envelope.Recipients is [string recipient]
            ? Utf8.TryWrite(destination[length..], invariant, $"\r\n\tfor <{recipient}>; ", out written)
            : Utf8.TryWrite(destination[length..], invariant, $";\r\n\t", out written));
        length += written;

        // RFC 5322's date-time, in UTC; formatted by DateTime itself, which the interpolation's generic path would box
        // until the JIT has optimized it.
        fits = fits && envelope.ReceivedAt.UtcDateTime.TryFormat(destination[length..], out written, "ddd, dd MMM yyyy HH:mm:ss", invariant);
        length += written;
        fits = fits && UtcAndLineEnd.TryCopyTo(destination[length..]);
        return fits ? length + UtcAndLineEnd.Length : throw new ArgumentException("The trace headers do not fit.", nameof(destination));
    }
}
