using System.Buffers;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>What every session of one listener shares: settings, store, policy, metrics and the replies preformatted from the settings.</summary>
internal sealed class SessionResources
{
    /// <summary>The octets of a reply code: the "-" or SP after it says whether more lines follow (§4.2.1).</summary>
    public const int ReplyCodeLength = 3;

    /// <summary>The size of the buffer a session decodes message data into.</summary>
    private const int DataBufferSize = 64 * 1024;

    private readonly Action<MessageEnvelope, string>? _messageStored;

    public SessionResources(SmtpServerOptions options, IMessageStore store, SmtpPolicy policy, SmtpServerMetrics metrics, Action<MessageEnvelope, string>? messageStored)
    {
        Options = options;
        Store = store;
        Policy = policy;
        Metrics = metrics;
        _messageStored = messageStored;
        Greeting = Encoding.ASCII.GetBytes($"220 {options.ServerName} Service ready\r\n");
        HelloPrefix = Encoding.ASCII.GetBytes($"250 {options.ServerName} Hello ");
        EhloKeywords = Encoding.ASCII.GetBytes(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"250-PIPELINING\r\n250-SIZE {options.MaxMessageSize}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 ENHANCEDSTATUSCODES\r\n"));
    }

    public SmtpServerOptions Options { get; }

    public IMessageStore Store { get; }

    public SmtpPolicy Policy { get; }

    public SmtpServerMetrics Metrics { get; }

    /// <summary><c>220 {server} Service ready CRLF</c>.</summary>
    public byte[] Greeting { get; }

    /// <summary><c>250 {server} Hello </c>, before the client's name; EHLO turns the SP after 250 into "-".</summary>
    public byte[] HelloPrefix { get; }

    /// <summary>The rest of the EHLO reply: the extensions this server supports (RFC 2920, 1870, 6152, 6531, 2034).</summary>
    public byte[] EhloKeywords { get; }

    public static byte[] RentDataBuffer() => ArrayPool<byte>.Shared.Rent(DataBufferSize);

    public static void ReturnDataBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    public void OnMessageStored(MessageEnvelope envelope, string location) => _messageStored?.Invoke(envelope, location);
}
