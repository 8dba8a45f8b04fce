using System.Globalization;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary>Starts aiosmtpd; with <paramref name="user"/>, with STARTTLS (the test certificate) and AUTH required for that user.</summary>
    public static async Task<Aiosmtpd> StartAsync(System.Net.NetworkCredential? user = null)
    {
        int port = Loopback.FreePort();
        var store = new TempFolder("aiosmtpd-");
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "aiosmtpd_store.py");
        string[] secure = user is null ? [] : [.. WritePem(store.Path), user.UserName, user.Password];
        try
        {
            PeerProcess process = await PeerProcess.StartAsync(
                "aiosmtpd", Python, "Install Debian's python3-aiosmtpd (tests/run.sh does).", port, [script, port.ToString(CultureInfo.InvariantCulture), store.Path, .. secure]);
            return new Aiosmtpd(port, store, process);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The test certificate and its key as PEM files in the store's folder (which holds messages as *.eml), for Python's ssl module.</summary>
    private static string[] WritePem(string folder)
    {
        string certificate = Path.Combine(folder, "server.crt");
        string key = Path.Combine(folder, "server.key");
        File.WriteAllText(certificate, Server.Tests.TestCertificate.Server.ExportCertificatePem());
        File.WriteAllText(key, Server.Tests.TestCertificate.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return [certificate, key];
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
