using System.Text;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>Our server with room for the large message, and the check every peer test makes of what it stored.</summary>
internal static class PeerServer
{
    public static TestServer Start(Action<SmtpServerOptions>? configure = null) => TestServer.Start(options =>
    {
        options.MaxMessageSize = 16 * 1024 * 1024;
        configure?.Invoke(options);
    });

    public static void AssertStored(TestServer server, string message)
    {
        StoredMessage stored = Assert.Single(server.Memory.Messages);
        byte[] data = ServerTrace.Remove(stored.Data);
        Assert.True(message == Encoding.UTF8.GetString(data), $"the stored message differs from the one sent ({data.Length} octets stored after the trace headers, {Encoding.UTF8.GetByteCount(message)} sent)");
        Assert.Equal("alice@example.com", stored.Envelope.ReversePath);
        Assert.Equal(PeerMessages.Recipients, stored.Envelope.Recipients);
    }
}
