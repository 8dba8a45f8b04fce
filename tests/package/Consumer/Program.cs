using System.Buffers;
using System.Text;
using Consumer;
using SmtpGen;
using SmtpGen.Smtp;

// The user's own protocol, generated in this build from the package's generator.
if (EchoProtocol.TryParseCommand("ECHO hello\r\n"u8, out EchoProtocol.Command echo) != CommandStatus.Ok
    || echo.Verb != EchoProtocol.Verb.Echo || Encoding.ASCII.GetString(echo.Text) != "hello"
    || EchoProtocol.Next(EchoProtocol.InitialState, EchoProtocol.Verb.Bye, 221) != EchoProtocol.State.Closed)
{
    Console.WriteLine("the generated ECHO parser did not read its own command");
    return 1;
}

// The SMTP definition, generated when SmtpGen.Smtp was built.
var output = new ArrayBufferWriter<byte>();
SmtpProtocol.WriteMail(output, "alice@example.com"u8);
if (SmtpProtocol.TryParseCommand(output.WrittenSpan, out SmtpProtocol.Command mail) != CommandStatus.Ok
    || Encoding.ASCII.GetString(mail.ReversePath) != "alice@example.com")
{
    Console.WriteLine("SmtpGen.Smtp did not read back the MAIL it wrote");
    return 1;
}

Console.WriteLine("package consumer: ECHO and SMTP parsed from packages");
return 0;
