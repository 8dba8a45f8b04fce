using System.Globalization;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// aiosmtpd's LMTP server (Debian package <c>python3-aiosmtpd</c>) with <c>aiosmtpd_lmtp.py</c>, which stores each
/// message's octets and envelope in a folder and answers each recipient after the data. Recipients whose local
/// part starts with <c>tempfail</c> or <c>permfail</c> get 451 or 550 there.
/// </summary>
internal sealed class AiosmtpdLmtp : IMailPeer
{
    private const string Python = "/usr/bin/python3";

    private readonly TempFolder _store;
    private readonly PeerProcess _process;

    private AiosmtpdLmtp(int port, TempFolder store, PeerProcess process)
    {
        Port = port;
        _store = store;
        _process = process;
    }

    public int Port { get; }

    public static async Task<AiosmtpdLmtp> StartAsync()
    {
        int port = Loopback.FreePort();
        var store = new TempFolder("aiosmtpd-lmtp-");
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "aiosmtpd_lmtp.py");
        try
        {
            PeerProcess process = await PeerProcess.StartAsync(
                "aiosmtpd (LMTP)", Python, "Install Debian's python3-aiosmtpd (tests/run.sh does).", port, script, port.ToString(CultureInfo.InvariantCulture), store.Path);
            return new AiosmtpdLmtp(port, store, process);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("aiosmtpd (LMTP)", count, () => StoredFolder.Read(_store.Path));

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
