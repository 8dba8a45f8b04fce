using System.Buffers;
using System.Text;
using SmtpGen.Benchmarks.Baselines;
using SmtpGen.Benchmarks.Peers;
using SmtpGen.Protocols.Tests.Pop3;
using SmtpGen.Smtp;

namespace SmtpGen.Benchmarks;

/// <summary>
/// Checks that the command parsers read a line alike: SMTP's four (accepted or not, and the same argument), and POP3's
/// floor and generated parser (the same status, verb and arguments).
/// </summary>
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

    /// <summary>POP3's floor and generated parser: the same status and, for an accepted line, the same verb and arguments.</summary>
    public static void CheckPop3(byte[] line)
    {
        HandStatus hand = HandWrittenPop3CommandParser.TryParse(
            line, out HandPop3Verb handVerb, out ReadOnlySpan<byte> argument, out ReadOnlySpan<byte> digest, out long message, out long lines);
        CommandStatus generated = Pop3Protocol.TryParseCommand(line, out Pop3Protocol.Command command);

        bool agree = hand.ToString() == generated.ToString();
        if (agree && generated == CommandStatus.Ok)
        {
            ReadOnlySpan<byte> generatedArgument = command.Verb == Pop3Protocol.Verb.Pass ? command.Password : command.Name;
            agree = handVerb.ToString() == command.Verb.ToString()
                && argument.SequenceEqual(generatedArgument)
                && digest.SequenceEqual(command.Digest)
                && message == (command.HasMessage ? command.Message : -1)
                && lines == command.Lines;
        }

        if (!agree)
        {
            throw new InvalidOperationException(
                $"POP3 command parsers disagree on \"{Encoding.ASCII.GetString(line).TrimEnd()}\": floor {hand} {handVerb} "
                + $"'{Encoding.UTF8.GetString(argument)}' '{Encoding.UTF8.GetString(digest)}' {message} {lines}, generated {generated} "
                + $"{command.Verb} '{Encoding.UTF8.GetString(command.Name)}{Encoding.UTF8.GetString(command.Password)}' "
                + $"'{Encoding.UTF8.GetString(command.Digest)}' {(command.HasMessage ? command.Message : -1)} {command.Lines}.");
        }
    }
}
