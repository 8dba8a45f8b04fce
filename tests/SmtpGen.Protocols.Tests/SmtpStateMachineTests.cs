using SmtpGen.Smtp;
using State = SmtpGen.Smtp.SmtpProtocol.State;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Protocols.Tests;

/// <summary>The generated SMTP session state machine (RFC 5321 §3.3, §4.1.4) walked along the seed and off it.</summary>
public class SmtpStateMachineTests
{
    [Fact]
    public void Initial_state_is_connected()
    {
        Assert.Equal(State.Connected, SmtpProtocol.InitialState);
    }

    [Fact]
    public void Seed_conversation_walks_from_connected_through_data_to_closed()
    {
        // (command, the seed's reply code to it); DATA is answered twice: 354, then 250 after the message.
        (Verb Verb, int Code)[] exchange =
        [
            (Verb.Helo, 250),
            (Verb.Mail, 250),
            (Verb.Rcpt, 250),
            (Verb.Data, 354),
            (Verb.Data, 250),
            (Verb.Quit, 221),
        ];
        State[] expected = [State.Ready, State.Mail, State.Recipients, State.Data, State.Ready, State.Closed];

        State state = SmtpProtocol.InitialState;
        var visited = new List<State>();
        bool firstDataReply = true;
        foreach ((Verb verb, int code) in exchange)
        {
            // The command itself must be allowed; the reply to the message data comes without a new command.
            if (!(verb == Verb.Data && !firstDataReply))
            {
                Assert.True(SmtpProtocol.IsAllowed(state, verb), $"{verb} should be allowed in {state}");
            }

            if (verb == Verb.Data)
            {
                firstDataReply = false;
            }

            state = SmtpProtocol.Next(state, verb, code);
            visited.Add(state);
        }

        Assert.Equal(expected, visited);
        Assert.Equal(State.Closed, state);
    }

    [Fact]
    public void Nothing_is_allowed_in_data_or_after_quit()
    {
        foreach (Verb verb in Enum.GetValues<Verb>())
        {
            Assert.False(SmtpProtocol.IsAllowed(State.Data, verb), $"{verb} in Data");
            Assert.False(SmtpProtocol.IsAllowed(State.Closed, verb), $"{verb} in Closed");
        }
    }

    [Theory]
    [InlineData(State.Ready, Verb.Rcpt)] // RCPT before MAIL
    [InlineData(State.Connected, Verb.Rcpt)]
    [InlineData(State.Mail, Verb.Data)] // DATA before any RCPT
    [InlineData(State.Ready, Verb.Data)]
    [InlineData(State.Connected, Verb.Mail)] // MAIL before HELO
    [InlineData(State.Mail, Verb.Mail)] // nested MAIL
    public void Out_of_order_commands_are_not_allowed_and_503_leaves_the_state(State state, Verb verb)
    {
        Assert.False(SmtpProtocol.IsAllowed(state, verb));
        Assert.Equal(state, SmtpProtocol.Next(state, verb, 503));
    }

    [Fact]
    public void Rset_before_hello_is_allowed_and_stays_connected()
    {
        Assert.True(SmtpProtocol.IsAllowed(State.Connected, Verb.Rset));
        Assert.Equal(State.Connected, SmtpProtocol.Next(State.Connected, Verb.Rset, 250));
    }

    [Theory]
    [InlineData(State.Ready)]
    [InlineData(State.Mail)]
    [InlineData(State.Recipients)]
    public void Rset_in_a_session_goes_to_ready(State state)
    {
        Assert.True(SmtpProtocol.IsAllowed(state, Verb.Rset));
        Assert.Equal(State.Ready, SmtpProtocol.Next(state, Verb.Rset, 250));
    }

    [Theory]
    [InlineData(State.Ready, Verb.Mail, 550)]
    [InlineData(State.Ready, Verb.Mail, 451)]
    [InlineData(State.Mail, Verb.Rcpt, 550)]
    [InlineData(State.Recipients, Verb.Rcpt, 452)]
    [InlineData(State.Recipients, Verb.Data, 554)]
    [InlineData(State.Connected, Verb.Ehlo, 501)]
    public void Negative_replies_leave_the_state(State state, Verb verb, int code)
    {
        Assert.Equal(state, SmtpProtocol.Next(state, verb, code));
    }

    [Theory]
    [InlineData(250)]
    [InlineData(451)]
    [InlineData(554)]
    public void Any_reply_after_the_message_data_ends_the_transaction(int code)
    {
        // RFC 5321 §4.1.1.4: the transaction is over whether the message was accepted or not.
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Data, Verb.Data, code));
    }

    [Theory]
    [InlineData("BDAT 1000", 250, State.Recipients)]
    [InlineData("BDAT 1000 LAST", 250, State.Ready)]
    [InlineData("BDAT 1000", 552, State.Ready)]
    [InlineData("BDAT 0 LAST", 554, State.Ready)]
    public void A_chunk_before_the_last_leaves_the_transaction_open_and_the_last_or_a_refusal_ends_it(string line, int code, State expected)
    {
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Lines.Crlf(line), out SmtpProtocol.Command command));

        Assert.Equal(expected, SmtpProtocol.Next(State.Recipients, command, code));
        Assert.Equal(expected, SmtpProtocol.Next(State.Recipients, command, new ReplyCode(code).Outcome));
        Assert.Equal((int)expected, SmtpProtocol.Grammar.NextState((int)State.Recipients, command, new ReplyCode(code).Outcome));
    }

    [Fact]
    public void Next_of_a_parsed_command_moves_as_its_verb_does_for_every_other_command()
    {
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand("MAIL FROM:<a@example.com>\r\n"u8, out SmtpProtocol.Command mail));

        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand("DATA\r\n"u8, out SmtpProtocol.Command data));
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand("RCPT TO:<b@example.com>\r\n"u8, out SmtpProtocol.Command rcpt));

        Assert.Equal(State.Mail, SmtpProtocol.Next(State.Ready, mail, 250));
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Ready, mail, 550));
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Ready, mail, 650));
        Assert.Equal(State.Recipients, SmtpProtocol.Next(State.Mail, rcpt, 250));
        Assert.Equal(State.Data, SmtpProtocol.Next(State.Recipients, data, 354));
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Data, data, 250));
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Data, data, 554));
    }

    [Fact]
    public void Ehlo_in_a_transaction_clears_it()
    {
        Assert.True(SmtpProtocol.IsAllowed(State.Recipients, Verb.Ehlo));
        Assert.Equal(State.Ready, SmtpProtocol.Next(State.Recipients, Verb.Ehlo, 250));
    }

    [Fact]
    public void State_diagram_names_every_state()
    {
        foreach (State state in Enum.GetValues<State>())
        {
            Assert.Contains(state.ToString(), SmtpProtocol.StateDiagram, StringComparison.Ordinal);
        }

        Assert.StartsWith("stateDiagram", SmtpProtocol.StateDiagram.TrimStart(), StringComparison.Ordinal);
    }
}
