using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Interop.Tests.Scripted;

/// <summary>
/// A fake SMTP server on loopback that plays a script against one connection: the script reads the client's
/// lines, asserts on them and writes the replies it wants, including wrong ones.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _script;

    private ScriptedServer(Func<ScriptedSession, Task> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _script = RunAsync(script);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ScriptedServer Start(Func<ScriptedSession, Task> script) => new(script);

    /// <summary>Waits for the script to end and rethrows what failed in it (an assertion on the client's lines).</summary>
    public Task Completion => _script.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _script.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception) when (_script.IsFaulted || !_script.IsCompleted)
        {
            // The test has already failed or passed on its own assertions; Completion reports the script's.
        }
    }

    private async Task RunAsync(Func<ScriptedSession, Task> script)
    {
        using TcpClient connection = await _listener.AcceptTcpClientAsync();
        connection.NoDelay = true;
        await using NetworkStream stream = connection.GetStream();
        await script(new ScriptedSession(stream));
    }
}
