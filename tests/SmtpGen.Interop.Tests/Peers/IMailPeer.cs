namespace SmtpGen.Interop.Tests.Peers;

/// <summary>An SMTP server we did not write, listening on loopback, that keeps what it receives.</summary>
internal interface IMailPeer : IAsyncDisposable
{
    /// <summary>The loopback port it listens on.</summary>
    int Port { get; }

    /// <summary>Waits until the peer has stored <paramref name="count"/> messages and returns them.</summary>
    Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count);
}
