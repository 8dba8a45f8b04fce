using System.Text;
using CsCheck;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests.Fuzzing;

/// <summary>
/// The SMTP command parser on hostile input: random octets, and the seed's lines with octets flipped, inserted, removed
/// or cut. It never throws, and its verdict agrees with a reference written from the RFCs: a line longer than MAIL's
/// longest is too long, one without a CRLF of its own or with another CR or LF is badly ended (§2.3.8), a line whose
/// first word is no verb of the definition is unknown, and a known verb's line is too long past its own limit (512
/// octets, §4.5.3.1.4; MAIL and RCPT longer by what their extensions' parameters add), else parses or is a syntax error.
/// </summary>
public class CommandParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "EHLO client.example.com", "HELO [192.0.2.1]", "MAIL FROM:<alice@example.com> SIZE=1000 BODY=8BITMIME", "RCPT TO:<bob@example.com> NOTIFY=SUCCESS",
        "DATA", "BDAT 1000 LAST", "AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=", "STARTTLS", "RSET", "VRFY bob", "NOOP", "QUIT", "HELP", "MAIL FROM:<>",
    ];

    private static readonly string[] Verbs = ["EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT", "STARTTLS", "AUTH", "BDAT"];

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.OneOfConst(Seeds), Gen.Int[0, 4], Gen.Int[0, 1200], Gen.Byte, Gen.Bool).Select((seed, mutation, at, octet, crlf) =>
        {
            List<byte> line = [.. Encoding.ASCII.GetBytes(seed)];
            int index = line.Count == 0 ? 0 : at % line.Count;
            switch (mutation)
            {
                case 0: line[index] = octet; break;
                case 1: line.Insert(index, octet); break;
                case 2: line.RemoveAt(index); break;
                case 3: line.AddRange(Enumerable.Repeat((byte)'x', at)); break;
                default: line.RemoveRange(index, line.Count - index); break;
            }

            return crlf ? [.. line, (byte)'\r', (byte)'\n'] : line.ToArray();
        });

    private static readonly Gen<byte[]> Random = Gen.Byte.Array[0, 1300];

    [Fact]
    public void Any_line_gets_the_verdict_of_the_reference_and_never_an_exception()
    {
        Gen.OneOf(Mutated, Random).Sample(line =>
        {
            CommandStatus status = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
            CommandStatus expected = Reference(line);
            if (expected == CommandStatus.Ok)
            {
                Assert.True(status is CommandStatus.Ok or CommandStatus.SyntaxError, $"{status} for {Encoding.Latin1.GetString(line)}");
            }
            else
            {
                Assert.True(expected == status, $"{status}, not {expected}, for {Encoding.Latin1.GetString(line)}");
            }

            if (status == CommandStatus.Ok)
            {
                Assert.True(command.Line.SequenceEqual(line.AsSpan(0, line.Length - 2)));
            }
        }, iter: 20_000);
    }

    /// <summary>The reference's verdict; <see cref="CommandStatus.Ok"/> stands for "a known verb", parsed or not.</summary>
    private static CommandStatus Reference(byte[] line)
    {
        if (line.Length > SmtpProtocol.LongestCommandLine)
        {
            return CommandStatus.LineTooLong;
        }

        if (line.Length < 2 || line[^2] != '\r' || line[^1] != '\n' || line.AsSpan(0, line.Length - 2).IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            return CommandStatus.BadLineEnding;
        }

        string content = Encoding.Latin1.GetString(line, 0, line.Length - 2);
        int space = content.IndexOf(' ', StringComparison.Ordinal);
        string verb = space < 0 ? content : content[..space];
        if (!Verbs.Contains(verb.ToUpperInvariant(), StringComparer.Ordinal) || !verb.All(char.IsAsciiLetter))
        {
            return CommandStatus.UnknownVerb;
        }

        int limit = verb.ToUpperInvariant() switch
        {
            "MAIL" => 512 + 26 + 16 + 10 + 500 + 9 + 107,   // SIZE, BODY, SMTPUTF8, AUTH, RET, ENVID
            "RCPT" => 512 + 530,                           // NOTIFY and ORCPT, RFC 3461 §5.4
            _ => 512,
        };
        return line.Length > limit ? CommandStatus.LineTooLong : CommandStatus.Ok;
    }
}
