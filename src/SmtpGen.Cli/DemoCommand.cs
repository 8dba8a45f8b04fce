using System.CommandLine;
using System.Net;
using SmtpGen.Client;
using SmtpGen.Server;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen demo</c>: starts the SMTP server on a free loopback port with a Maildir store, sends the seed's
/// message with the SMTP client, shows the conversation step by step as the seed does, and says where the
/// message was stored.
/// </summary>
internal sealed class DemoCommand : Command
{
    private readonly Option<string> _store = PathOptions.Folder("--store", "The Maildir that receives the message (made when missing)", "mail");

    public DemoCommand()
        : base("demo", "Send the seed's message to the server on a free loopback port, showing the conversation step by step")
    {
        Options.Add(_store);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        var store = new MaildirMessageStore(parsed.GetRequiredValue(_store));
        var options = new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = SeedMessage.ServerName };
        await using var server = new SmtpListener(options, store);
        string? stored = null;
        server.MessageStored += (_, message) => stored = message.Location;
        server.Start();
        IPEndPoint endPoint = server.LocalEndPoint!;
        await output.WriteLineAsync($"SmtpGen demo: the seed's SMTP conversation between {SeedMessage.ClientName} (SmtpGen.Client) and {SeedMessage.ServerName} (SmtpGen.Server on {endPoint})");

        var clientOptions = new SmtpClientOptions
        {
            ClientDomain = SeedMessage.ClientName,
            UseEhlo = false,   // the seed says HELO
            Transcript = new SeedStepsTranscript(output),
        };
        await using SmtpClient client = await SmtpClient.ConnectAsync(endPoint.Address.ToString(), endPoint.Port, clientOptions, cancellationToken);
        SmtpSendResult result = await client.SendAsync(SeedMessage.From, [SeedMessage.To], SeedMessage.Octets, cancellationToken);
        await client.QuitAsync(cancellationToken);

        await output.WriteLineAsync();
        if (!result.IsSent || stored is null)
        {
            await output.WriteLineAsync("The message was not stored.");
            return 1;
        }

        string envelope = Path.Combine(store.Directory, "envelope", Path.GetFileName(stored) + ".json");
        await output.WriteLineAsync($"The message ({SeedMessage.Octets.Length} octets as sent, after the Return-Path: and Received: headers the server adds) is stored in {Path.GetRelativePath(Environment.CurrentDirectory, stored)}");
        await output.WriteLineAsync($"and its envelope (client, HELO name, MAIL FROM, RCPT TO, time) in {Path.GetRelativePath(Environment.CurrentDirectory, envelope)}.");
        return 0;
    }
}
