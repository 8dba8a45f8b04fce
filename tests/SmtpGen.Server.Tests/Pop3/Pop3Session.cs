using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using SmtpGen.Protocols.Tests.Pop3;

namespace SmtpGen.Server.Tests.Pop3;

/// <summary>
/// One POP3 session (RFC 1939) on the generated <see cref="Pop3Protocol"/>: its parser reads each command line, its
/// state machine says whether the command may come and, from the outcome of the reply, where the session goes.
/// </summary>
internal sealed class Pop3Session(Pop3Account account, string maildir, string timestamp)
{
    private Pop3Protocol.State _state = Pop3Protocol.InitialState;
    private string? _user;
    private Maildrop? _maildrop;

    /// <summary>Whether the session is over: QUIT was answered.</summary>
    public bool IsOver => _state is Pop3Protocol.State.Update or Pop3Protocol.State.Closed;

    /// <summary>Writes the greeting, with the timestamp APOP digests (RFC 1939 §7).</summary>
    public void Greet(IBufferWriter<byte> output) => Pop3Protocol.WriteReadyReply(output, Encoding.ASCII.GetBytes(timestamp));

    /// <summary>Answers one command line, CRLF included; in the UPDATE state the marked messages are removed.</summary>
    public void Answer(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        CommandStatus status = Pop3Protocol.TryParseCommand(line, out Pop3Protocol.Command command);
        if (status != CommandStatus.Ok)
        {
            Pop3Protocol.WriteReply(output, status == CommandStatus.UnknownVerb ? Pop3Protocol.Reply.UnknownCommand : Pop3Protocol.Reply.InvalidArguments);
            return;
        }

        if (!Pop3Protocol.IsAllowed(_state, command.Verb))
        {
            Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.BadSequence);
            return;
        }

        ReplyOutcome outcome = Handle(command, output);
        _state = Pop3Protocol.Next(_state, command.Verb, outcome);
        if (_state == Pop3Protocol.State.Update)
        {
            _maildrop!.Commit();
        }
    }

    private ReplyOutcome Handle(scoped in Pop3Protocol.Command command, IBufferWriter<byte> output)
    {
        switch (command.Verb)
        {
            case Pop3Protocol.Verb.User:
                _user = Encoding.UTF8.GetString(command.Name);
                return Reply(output, Pop3Protocol.Reply.Ok);
            case Pop3Protocol.Verb.Pass:
                return Open(output, _user == account.User && command.Password.SequenceEqual(Encoding.UTF8.GetBytes(account.Password)));
            case Pop3Protocol.Verb.Apop:
                return Open(output, command.Name.SequenceEqual(Encoding.UTF8.GetBytes(account.User)) && command.Digest.SequenceEqual(ApopDigest()));
            case Pop3Protocol.Verb.Capa:
                Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.CapabilityList);
                WriteBody(output, "TOP\r\nUSER\r\nUIDL\r\n"u8);
                return ReplyOutcome.Positive;
            case Pop3Protocol.Verb.Quit:
                return Reply(output, Pop3Protocol.Reply.SigningOff);
        }

        Maildrop maildrop = _maildrop!;
        bool namesMessage = command.Verb is Pop3Protocol.Verb.Retr or Pop3Protocol.Verb.Dele or Pop3Protocol.Verb.Top
            || (command.Verb is Pop3Protocol.Verb.List or Pop3Protocol.Verb.Uidl && command.HasMessage);
        if (namesMessage && !maildrop.Exists(command.Message))
        {
            return Reply(output, Pop3Protocol.Reply.NoSuchMessage);
        }

        switch (command.Verb)
        {
            case Pop3Protocol.Verb.Stat:
                Pop3Protocol.WriteDropListingReply(output, maildrop.Count, maildrop.Size);
                break;
            case Pop3Protocol.Verb.List when command.HasMessage:
                Pop3Protocol.WriteScanListingReply(output, command.Message, maildrop.SizeOf(command.Message));
                break;
            case Pop3Protocol.Verb.List:
                Pop3Protocol.WriteScanListingsReply(output, maildrop.Count);
                WriteBody(output, Listing(maildrop, m => maildrop.SizeOf(m).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case Pop3Protocol.Verb.Uidl when command.HasMessage:
                Pop3Protocol.WriteUniqueIdListingReply(output, command.Message, Encoding.ASCII.GetBytes(maildrop.UniqueIdOf(command.Message)));
                break;
            case Pop3Protocol.Verb.Uidl:
                Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.UniqueIdListings);
                WriteBody(output, Listing(maildrop, maildrop.UniqueIdOf));
                break;
            case Pop3Protocol.Verb.Retr:
                Pop3Protocol.WriteMessageFollowsReply(output, maildrop.SizeOf(command.Message));
                WriteBody(output, maildrop.Read(command.Message));
                break;
            case Pop3Protocol.Verb.Top:
                Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.Ok);
                WriteBody(output, Top(maildrop.Read(command.Message), command.Lines));
                break;
            case Pop3Protocol.Verb.Dele:
                maildrop.MarkDeleted(command.Message);
                Pop3Protocol.WriteDeletedReply(output, command.Message);
                break;
            case Pop3Protocol.Verb.Rset:
                maildrop.Unmark();
                Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.Ok);
                break;
            default:
                Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.Ok);
                break;
        }

        return ReplyOutcome.Positive;
    }

    private ReplyOutcome Open(IBufferWriter<byte> output, bool authenticated)
    {
        if (!authenticated)
        {
            return Reply(output, Pop3Protocol.Reply.InvalidPassword);
        }

        _maildrop = new Maildrop(maildir);
        return Reply(output, Pop3Protocol.Reply.Locked);
    }

    private static ReplyOutcome Reply(IBufferWriter<byte> output, Pop3Protocol.Reply reply)
    {
        Pop3Protocol.WriteReply(output, reply);
        return Pop3Protocol.GetReplyOutcome(reply);
    }

    /// <summary>RFC 1939 §7 APOP: the MD5 digest of the greeting's timestamp and the shared secret, in lower-case hex.</summary>
    private byte[] ApopDigest()
    {
#pragma warning disable CA5351 // APOP is defined on MD5; the test server implements it as the RFC says.
        byte[] digest = MD5.HashData(Encoding.UTF8.GetBytes(timestamp + account.Password));
#pragma warning restore CA5351
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest));
    }

    /// <summary>A multi-line response's body: dot-stuffed, ended by a line of a single dot.</summary>
    private static void WriteBody(IBufferWriter<byte> output, ReadOnlySpan<byte> body)
    {
        var encoder = new MailDataEncoder();
        encoder.Encode(body, output);
        encoder.Complete(output);
    }

    /// <summary>One line per message, its number and what <paramref name="describe"/> says of it.</summary>
    private static byte[] Listing(Maildrop maildrop, Func<long, string> describe)
    {
        var listing = new StringBuilder();
        foreach (long message in maildrop.Messages)
        {
            listing.Append(message).Append(' ').Append(describe(message)).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(listing.ToString());
    }

    /// <summary>RFC 1939 §7 TOP: the header, the blank line after it, and the first <paramref name="lines"/> lines of the body.</summary>
    private static ReadOnlySpan<byte> Top(ReadOnlySpan<byte> message, long lines)
    {
        int separator = message.IndexOf("\r\n\r\n"u8);
        if (separator < 0)
        {
            return message;
        }

        int end = separator + 4;
        for (long i = 0; i < lines && end < message.Length; i++)
        {
            int next = message[end..].IndexOf("\r\n"u8);
            end = next < 0 ? message.Length : end + next + 2;
        }

        return message[..end];
    }
}
