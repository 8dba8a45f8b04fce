using System.Globalization;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// aiosmtpd (Debian package <c>python3-aiosmtpd</c>) with <c>aiosmtpd_store.py</c>, which stores each message's
/// octets and envelope in a folder. Debian's aiosmtpd is importable only by Debian's own interpreter, so it is
/// called by its full path. It does not announce PIPELINING: the client sends one command at a time.
/// </summary>
internal sealed class Aiosmtpd : IMailPeer
{
    private const string Python = "/usr/bin/python3";

    private readonly TempFolder _store;
    private readonly PeerProcess _process;

    private Aiosmtpd(int port, TempFolder store, PeerProcess process)
    {
        Port = port;
        _store = store;
        _process = process;
    }

    public int Port { get; }

    public static async Task<Aiosmtpd> StartAsync()
    {
        int port = Loopback.FreePort();
        var store = new TempFolder("aiosmtpd-");
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "aiosmtpd_store.py");
        try
        {
            PeerProcess process = await PeerProcess.StartAsync(
                "aiosmtpd", Python, "Install Debian's python3-aiosmtpd (tests/run.sh does).", port, script, port.ToString(CultureInfo.InvariantCulture), store.Path);
            return new Aiosmtpd(port, store, process);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count) =>
        Loopback.PollAsync("aiosmtpd", count, () => StoredFolder.Read(_store.Path));

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _store.Dispose();
        return ValueTask.CompletedTask;
    }
}
