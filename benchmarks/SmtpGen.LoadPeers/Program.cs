using SmtpGen.LoadPeers;

// The peers the end-to-end script (benchmarks/e2e/run.sh) compares SmtpGen with:
//   smtpserver --port P [--nodelay]                        the SmtpServer library (NuGet), discarding messages
//   mailkit-load --port P --messages N --sessions C --size S   MailKit's SmtpClient (NuGet) as a load generator
//   nats-stream --url U --stream S --subject T --replicas R    creates a JetStream stream (benchmarks/e2e/nats.sh)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stop.Cancel();
};

return args switch
{
    ["smtpserver", "--port", string port] => await SmtpServerPeer.RunAsync(Parse(port), noDelay: false, stop.Token),
    ["smtpserver", "--port", string port, "--nodelay"] => await SmtpServerPeer.RunAsync(Parse(port), noDelay: true, stop.Token),
    ["mailkit-load", "--port", string port, "--messages", string messages, "--sessions", string sessions, "--size", string size] =>
        await MailKitLoad.RunAsync(Parse(port), Parse(messages), Parse(sessions), Parse(size)),
    ["nats-stream", "--url", string url, "--stream", string stream, "--subject", string subject, "--replicas", string replicas] =>
        await NatsStream.CreateAsync(url, stream, subject, Parse(replicas)),
    _ => Usage(),
};

static int Parse(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: SmtpGen.LoadPeers smtpserver --port P [--nodelay] | mailkit-load --port P --messages N --sessions C --size S | nats-stream --url U --stream S --subject T --replicas R");
    return 2;
}
