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
    /// answers anything else with 503, but after a 421, which says the channel closes (§3.8), it closes. A greeting is
    /// 220 or 554, or 421 (§4.3.2): the policy's 4yz goes as 421 and its 5yz as 554, in its words, and a hook that fails
    /// (throws, or answers a 2yz or 3yz) gets the client 421, never the 451 a failing hook gives a command.
    /// </summary>
    private async ValueTask GreetAsync()
    {
        SmtpResponse client = await AskPolicyAsync(
            static (policy, session, cancellationToken) => policy.AcceptClientAsync(session.Info, cancellationToken),
            mayAcceptInItsWords: false,
            failure: SmtpProtocol.Reply.ServiceNotAvailable).ConfigureAwait(false);
        if (client.IsAccepted)
        {
            _output.Write(_resources.Greeting);
            return;
        }

        Write(client.Code.Value is 421 or 554 ? client : AsGreeting(client));
        _clientRefused = true;
    }

    /// <summary>The policy's refusal of the client as a greeting may carry it: a 4yz as 421, a 5yz as 554 (§4.3.2), in its words.</summary>
    private static SmtpResponse AsGreeting(SmtpResponse refusal)
    {
        int code = refusal.Code.Class == ReplyClass.TransientNegative ? 421 : 554;
        return SmtpResponse.Reply(code, refusal.EnhancedStatusCode.IsEmpty ? null : refusal.EnhancedStatusCode.ToString(), refusal.Text);
    }
}
