using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen demo</c>: plays the seed's conversation through the generated SMTP parsers and state machine and
/// shows, for every line, what the parser read and where the session stands.
/// </summary>
internal static class DemoCommand
{
    public static int Run(TextWriter output)
    {
        output.WriteLine("SmtpGen demo: the seed's SMTP conversation, parsed line by line by the generated parser");
        output.WriteLine();
        SmtpProtocol.State state = SmtpProtocol.InitialState;
        SmtpProtocol.Verb? pending = null;
        foreach ((bool fromClient, string text) in SeedConversation.Steps)
        {
            byte[] line = Encoding.ASCII.GetBytes(text + "\r\n");
            if (fromClient)
            {
                pending = ShowCommand(output, text, line, state);
                if (pending is null)
                {
                    return 1;
                }
            }
            else
            {
                if (!ShowReply(output, text, line, ref state, pending))
                {
                    return 1;
                }

                if (state == SmtpProtocol.State.Data)
                {
                    ShowMessage(output);
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"The session ended in state {state}.");
        return state == SmtpProtocol.State.Closed ? 0 : 1;
    }

    private static SmtpProtocol.Verb? ShowCommand(TextWriter output, string text, byte[] line, SmtpProtocol.State state)
    {
        SmtpGen.CommandStatus status = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
        if (status != SmtpGen.CommandStatus.Ok)
        {
            output.WriteLine($"C: {text,-46} parse failed: {status}");
            return null;
        }

        string allowed = SmtpProtocol.IsAllowed(state, command.Verb) ? "allowed" : "NOT allowed (503)";
        output.WriteLine($"C: {text,-46} {command.Verb.ToString().ToUpperInvariant()}{Arguments(command)}, {allowed} in {state}");
        return command.Verb;
    }

    private static bool ShowReply(TextWriter output, string text, byte[] line, ref SmtpProtocol.State state, SmtpProtocol.Verb? pending)
    {
        ReplyStatus status = SmtpProtocol.TryParseReplyLine(line, out ReplyLine reply);
        if (status != ReplyStatus.Ok)
        {
            output.WriteLine($"S: {text,-46} parse failed: {status}");
            return false;
        }

        SmtpProtocol.State before = state;
        if (pending is { } verb)
        {
            state = SmtpProtocol.Next(state, verb, reply.Code.Value);
        }

        string move = before == state ? $"stays {state}" : $"{before} -> {state}";
        output.WriteLine($"S: {text,-46} reply {reply.Code.Value} ({reply.Code.Class}), {move}");
        return true;
    }

    private static void ShowMessage(TextWriter output)
    {
        foreach (string line in SeedConversation.Message)
        {
            output.WriteLine($"C: {line}");
        }
    }

    private static string Arguments(SmtpProtocol.Command command)
    {
        var text = new StringBuilder();
        Append(text, "domain", command.Domain);
        Append(text, "reverse-path", command.ReversePath);
        Append(text, "forward-path", command.ForwardPath);
        Append(text, "argument", command.Argument);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            text.Append(' ').Append(name).Append('=').Append(Encoding.UTF8.GetString(value));
        }
    }
}
