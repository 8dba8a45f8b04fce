using System.Buffers;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// Asks the policy about the client, then sends the 220 greeting (§3.1, §4.3.1: the server's name first).
    /// A refused client gets the policy's reply and the connection closes.
    /// </summary>
    /// <returns>Whether the session goes on.</returns>
    private async ValueTask<bool> GreetAsync()
    {
        SmtpResponse client = await AskPolicyAsync(p => p.AcceptClientAsync(Info, _stopping)).ConfigureAwait(false);
        if (!client.IsAccepted)
        {
            Write(client);
            _mode = Mode.Closed;
            return false;
        }

        _output.Write(_resources.Greeting);
        return true;
    }
}
