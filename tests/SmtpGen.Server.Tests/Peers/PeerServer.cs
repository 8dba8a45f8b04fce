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
        Assert.True(message == Encoding.UTF8.GetString(stored.Data), $"the stored message differs from the one sent ({stored.Data.Length} octets stored, {Encoding.UTF8.GetByteCount(message)} sent)");
        Assert.Equal("alice@example.com", stored.Envelope.ReversePath);
        Assert.Equal(PeerMessages.Recipients, stored.Envelope.Recipients);
    }
}
