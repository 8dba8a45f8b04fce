using MailKit.Net.Smtp;
using MailKit.Security;

namespace SmtpGen.Benchmarks.Peers;

/// <summary>
/// MailKit 4.18's reply reading, through the only public way to it: <see cref="SmtpClient"/> over a stream (its
/// <c>SmtpStream</c> and response parser are internal). <see cref="Connect"/> is a session start (greeting, EHLO, the
/// multi-line reply, which MailKit turns into capability flags) followed by a disconnect without QUIT;
/// <see cref="Noop"/> is one command and its one-line reply in an open session.
/// </summary>
public sealed class MailKitClientExchange : IDisposable
{
    private readonly ScriptedServerStream _stream;
    private readonly SmtpClient _client = new() { LocalDomain = "client.example.com" };

    public MailKitClientExchange(ScriptedServerStream stream) => _stream = stream;

    public int Connect()
    {
        _stream.Reset();
        _client.Connect(_stream, "mail.example.com", 25, SecureSocketOptions.None);
        int result = (int)_client.Capabilities + (int)_client.MaxSize;
        _client.Disconnect(quit: false);
        return result;
    }

    /// <summary>Opens the session that <see cref="Noop"/> runs in.</summary>
    public void Open()
    {
        _stream.Reset();
        _client.Connect(_stream, "mail.example.com", 25, SecureSocketOptions.None);
    }

    public int Noop()
    {
        _client.NoOp();
        return _client.IsConnected ? 1 : 0;
    }

    public void Dispose() => _client.Dispose();
}
