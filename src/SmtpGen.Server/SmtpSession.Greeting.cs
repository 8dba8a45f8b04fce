using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>Whether the policy refused the client: every command but QUIT then gets 503 (§3.1).</summary>
    private bool _clientRefused;

    /// <summary>
    /// Asks the policy about the client, then sends the 220 greeting (§3.1, §4.3.1: the server's name first).
    /// A refused client gets the policy's reply instead; as §3.1 asks, the server then waits for QUIT and
    /// answers anything else with 503, but after a 421, which says the channel closes (§3.8), it closes. A hook that
    /// fails (throws, or answers a 2yz or 3yz) gets the client 421: a greeting is 220 or 554, or 421 (§4.3.2), never
    /// the 451 a failing hook gives a command.
    /// </summary>
    private async ValueTask GreetAsync()
    {
        SmtpResponse client = await AskPolicyAsync(
            static (policy, session) => policy.AcceptClientAsync(session.Info, session._stopping),
            mayAcceptInItsWords: false,
            failure: SmtpProtocol.Reply.ServiceNotAvailable).ConfigureAwait(false);
        if (client.IsAccepted)
        {
            _output.Write(_resources.Greeting);
            return;
        }

        Write(client);
        _clientRefused = true;
    }
}
