namespace SmtpGen.Protocols.Tests.Outcomes;

/// <summary>
/// A command with an intermediate exchange and an <c>Else</c>, as DATA would be with a state for a refused message:
/// the reply that ends the exchange leads to <c>Then</c> when positive and to <c>Else</c> when negative.
/// </summary>
[LineProtocol("EXCHANGE")]
public static partial class ExchangeProtocol
{
    public enum State
    {
        Ready,
        Sending,
        Refused,
        [FinalState]
        Closed,
    }

    public enum Verb
    {
        [Command("SEND", In = [State.Ready], Then = State.Ready, Intermediate = State.Sending, Else = State.Refused)]
        Send,

        [Command("RESET", In = [State.Refused], Then = State.Ready)]
        Reset,

        [Command("QUIT", In = [State.Ready, State.Refused], Then = State.Closed)]
        Quit,
    }

    public enum Reply
    {
        [Reply(250, "OK")]
        Ok,

        [Reply(354, "Go ahead")]
        GoAhead,

        /// <summary>Doubled braces alone leave a reply fixed: it is sent as <c>250 use {braces}</c>.</summary>
        [Reply(250, "use {{braces}}")]
        Braces,
    }
}
