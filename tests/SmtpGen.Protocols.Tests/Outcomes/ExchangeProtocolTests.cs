namespace SmtpGen.Protocols.Tests.Outcomes;

/// <summary>How outcomes move a command with an intermediate exchange and an <c>Else</c>.</summary>
public class ExchangeProtocolTests
{
    [Theory]
    [InlineData(ExchangeProtocol.State.Ready, ReplyOutcome.Intermediate, ExchangeProtocol.State.Sending)]
    [InlineData(ExchangeProtocol.State.Ready, ReplyOutcome.Positive, ExchangeProtocol.State.Ready)]
    [InlineData(ExchangeProtocol.State.Ready, ReplyOutcome.Negative, ExchangeProtocol.State.Refused)]
    [InlineData(ExchangeProtocol.State.Sending, ReplyOutcome.Positive, ExchangeProtocol.State.Ready)]
    [InlineData(ExchangeProtocol.State.Sending, ReplyOutcome.Negative, ExchangeProtocol.State.Refused)]
    [InlineData(ExchangeProtocol.State.Sending, ReplyOutcome.Intermediate, ExchangeProtocol.State.Sending)]
    public void The_reply_that_ends_the_exchange_follows_then_or_else(ExchangeProtocol.State from, ReplyOutcome outcome, ExchangeProtocol.State to)
    {
        Assert.Equal(to, ExchangeProtocol.Next(from, ExchangeProtocol.Verb.Send, outcome));
    }

    [Theory]
    [InlineData(250, ExchangeProtocol.State.Ready)]
    [InlineData(354, ExchangeProtocol.State.Sending)]
    [InlineData(451, ExchangeProtocol.State.Refused)]
    [InlineData(554, ExchangeProtocol.State.Refused)]
    public void A_code_moves_the_state_by_its_class(int code, ExchangeProtocol.State to)
    {
        Assert.Equal(to, ExchangeProtocol.Next(ExchangeProtocol.State.Sending, ExchangeProtocol.Verb.Send, code));
    }

    [Fact]
    public void The_diagram_draws_both_ends_of_the_exchange()
    {
        Assert.Contains("Sending --> Ready : SEND (final positive reply)", ExchangeProtocol.StateDiagram, StringComparison.Ordinal);
        Assert.Contains("Sending --> Refused : SEND (final negative reply)", ExchangeProtocol.StateDiagram, StringComparison.Ordinal);
        Assert.Contains("Ready --> Refused : SEND (negative reply)", ExchangeProtocol.StateDiagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubled_braces_alone_leave_a_reply_fixed()
    {
        Assert.Equal("250 use {braces}\r\n", Lines.Text(ExchangeProtocol.GetReplyBytes(ExchangeProtocol.Reply.Braces)));
    }
}
