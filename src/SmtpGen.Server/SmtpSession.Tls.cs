using System.Security.Authentication;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// The TLS handshake, after STARTTLS's 220 (RFC 3207) or before the greeting with implicit TLS (RFC 8314). The
    /// session then starts over, as RFC 3207 §4.2 asks: the client's hello and any state are forgotten, and only
    /// what comes through TLS is read; plaintext the client sent after STARTTLS is dropped, never executed. A
    /// handshake that fails or takes too long ends the session without a reply: there is no channel left to send
    /// one on.
    /// </summary>
    /// <param name="droppedPlaintext">The octets the client sent in plaintext after STARTTLS, which are dropped unread.</param>
    /// <returns>Whether the session goes on over TLS.</returns>
    private async ValueTask<bool> TryStartTlsAsync(long droppedPlaintext)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        deadline.CancelAfter(TimerSpan.Of(_options.TlsHandshakeTimeout));
        try
        {
            await _output.FlushAsync(deadline.Token).ConfigureAwait(false);
            // The handshake's CPU is not the socket engine's: it starts on the thread pool, and each of its reads moves
            // there again (HandshakeStream).
            await OffSocketThread.MoveAsync();
            await _transport.StartTlsAsync(_resources.TlsOptions(), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException)
        {
            // The server's stop in the middle of a handshake ends it as a failed one does: with no channel to say 421 on.
            Log.TlsHandshakeFailed(_logger, exception is not OperationCanceledException ? ExceptionText.WithCauses(exception)
                : _stopping.IsCancellationRequested ? "the server is stopping"
                : $"not finished within {_options.TlsHandshakeTimeout}");
            _mode = Mode.Closed;
            return false;
        }

        (_input, _output) = (_transport.Input, _transport.Output);
        Info.TlsProtocol = _transport.Tls!.SslProtocol;
        Info.TlsCipherSuite = _transport.Tls.NegotiatedCipherSuite;
        StartOver();
        Log.TlsStarted(_logger, Info.TlsProtocol, Info.TlsCipherSuite.Value);
        if (droppedPlaintext > 0)
        {
            Log.PlaintextDropped(_logger, droppedPlaintext);
        }

        return true;
    }
}
