namespace SmtpGen.Generators.Tests;

/// <summary>Small synthetic definitions that the tests vary.</summary>
internal static class Definitions
{
    /// <summary>
    /// A valid toy protocol: every construct of the language once (literal, capture, optional group,
    /// Intermediate, Transition, a verb longer than 8 octets, a choice of values, replies with and without enhanced codes).
    /// </summary>
    public const string Toy = """
        using SmtpGen;

        namespace Toy;

        [LineProtocol("TOY", MaxCommandLine = 128, EnhancedStatusCodes = true)]
        public static partial class ToyProtocol
        {
            public enum State { Start, Open, Sending, Closed }

            public enum Verb
            {
                [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)]
                Open,

                [Command("LOGIN {name:Atom}", In = [State.Start], Then = State.Open, Else = State.Closed)]
                Login,

                [Command("SEND {note:Atom}[ SIZE={size:Number}]", In = [State.Open], Intermediate = State.Sending, Then = State.Open)]
                Send,

                [Command("MODE STREAM", In = [State.Open])]
                ModeStream,

                [Command("RESET", In = [State.Open], Then = State.Start)]
                [Transition(In = [State.Start])]
                Reset,

                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)]
                Quit,

                [Command("CAPABILITY", In = [State.Start, State.Open])]
                Capability,

                [Command("TYPE {kind:ASCII|IMAGE|Local=L}", In = [State.Open])]
                Type,

                [Command("TAG {tags:Atom...}", In = [State.Open])]
                Tag,

                [Command("PICK[ {numbers:Number...}]", In = [State.Open])]
                Pick,

                [Command("FLAG {flags:SEEN|DELETED...}", In = [State.Open])]
                Flag,
            }

            public enum Reply
            {
                [Reply(250, "2.0.0", "OK")]
                Ok,

                [Reply(354, "Go ahead")]
                GoAhead,
            }
        }
        """;
}
