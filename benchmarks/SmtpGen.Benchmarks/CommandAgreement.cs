using System.Buffers;
using System.Text;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Benchmarks.Peers;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>Checks that the four command parsers read a line alike: accepted or not, and the same argument.</summary>
internal static class CommandAgreement
{
    public static void Check(byte[] line, ReadOnlySequence<byte> received, SmtpServerCommandParser smtpServer)
    {
        string text = Encoding.ASCII.GetString(line).TrimEnd();

        HandStatus hand = HandWrittenCommandParser.TryParse(line, out _, out ReadOnlySpan<byte> path, out _);
        if (path.Length > 1 && path[0] == '<')
        {
            path = path[1..^1]; // the floor keeps the brackets of a path; the others hand out the mailbox
        }

        CommandStatus generated = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
        string generatedArgument = Encoding.UTF8.GetString(command.Verb switch
        {
            SmtpProtocol.Verb.Helo or SmtpProtocol.Verb.Ehlo => command.Domain,
            SmtpProtocol.Verb.Mail => command.ReversePath,
            SmtpProtocol.Verb.Rcpt => command.ForwardPath,
            _ => default,
        });

        HandStatus naive = NaiveCommandParser.TryParse(line, out NaiveCommand? naiveCommand);
        string naiveArgument = naiveCommand?.Address ?? naiveCommand?.Argument ?? "";

        bool peer = smtpServer.TryParse(received, out string? peerArgument);

        bool accepted = generated == CommandStatus.Ok;
        if ((hand == HandStatus.Ok) != accepted || (naive == HandStatus.Ok) != accepted || peer != accepted
            || Encoding.UTF8.GetString(path) != generatedArgument || naiveArgument != generatedArgument
            || (peerArgument ?? "") != generatedArgument)
        {
            throw new InvalidOperationException(
                $"Command parsers disagree on \"{text}\": floor {hand} '{Encoding.UTF8.GetString(path)}', generated {generated} '{generatedArgument}', "
                + $"naive {naive} '{naiveArgument}', SmtpServer {peer} '{peerArgument}'.");
        }
    }
}
