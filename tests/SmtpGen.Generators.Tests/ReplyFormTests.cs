using Microsoft.CodeAnalysis;

namespace SmtpGen.Generators.Tests;

/// <summary>What each reply form generates: a definition of commands alone gets no reply side at all.</summary>
public class ReplyFormTests
{
    private const string CommandsAlone = """
        using SmtpGen;

        namespace Demo;

        [LineProtocol("BARE", Replies = ReplyForm.None)]
        public static partial class Bare
        {
            public enum State { Start, [FinalState] Closed }

            public enum Verb
            {
                [Command("PING[ {note:Atom}]")] Ping,
                [Command("QUIT", Then = State.Closed, Else = State.Start)] Quit,
            }
        }
        """;

    [Fact]
    public void Without_replies_no_reply_side_is_generated_and_the_rest_compiles()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(CommandsAlone));
        Dictionary<string, string> sources = GeneratorHarness.GeneratedSources(result);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.DoesNotContain("Demo.Bare.Replies.g.cs", sources.Keys);
        Assert.Contains("Demo.Bare.Commands.g.cs", sources.Keys);
        string joined = string.Concat(sources.Values);
        Assert.DoesNotContain("TryParseReplyLine", joined, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxReplyLine", joined, StringComparison.Ordinal);

        // The state machine moves on outcomes only: a code means nothing to a protocol without replies.
        string stateMachine = sources["Demo.Bare.StateMachine.g.cs"];
        Assert.Contains("public static State Next(State state, Verb verb, global::SmtpGen.ReplyOutcome outcome)", stateMachine, StringComparison.Ordinal);
        Assert.DoesNotContain("int replyCode", stateMachine, StringComparison.Ordinal);
    }
}
