using System.Security.Cryptography.X509Certificates;
using SmtpGen.Cli;
using SmtpGen.LoadPeers;

// The peers the end-to-end script (benchmarks/e2e/run.sh) compares SmtpGen with:
//   smtpserver --port P [--nodelay] [--tls-certificate C --tls-key K]
//                                                          the SmtpServer library (NuGet), discarding messages; STARTTLS
//                                                          with the PEM certificate C and its key K
//   mailkit-load --port P --messages N --sessions C --size S [--warmup W]
//                                                          MailKit's SmtpClient (NuGet) as a load generator, W
//                                                          messages sent first and not counted
//   nats-stream --url U --stream S --subject T --replicas R    creates a JetStream stream (benchmarks/e2e/nats.sh)
//   certificate DIR                                        writes DIR/cert.pem and DIR/key.pem for the TLS runs
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stop.Cancel();
};

return args switch
{
    ["smtpserver", "--port", string port, .. var rest] when SmtpServerOptions(rest) is var (noDelay, tls, ok) && ok =>
        await SmtpServerPeer.RunAsync(Parse(port), noDelay, tls, stop.Token),
    ["mailkit-load", "--port", string port, "--messages", string messages, "--sessions", string sessions, "--size", string size] =>
        await MailKitLoad.RunAsync(Parse(port), Parse(messages), Parse(sessions), Parse(size), warmup: 0),
    ["mailkit-load", "--port", string port, "--messages", string messages, "--sessions", string sessions, "--size", string size, "--warmup", string warmup] =>
        await MailKitLoad.RunAsync(Parse(port), Parse(messages), Parse(sessions), Parse(size), Parse(warmup)),
    ["nats-stream", "--url", string url, "--stream", string stream, "--subject", string subject, "--replicas", string replicas] =>
        await NatsStream.CreateAsync(url, stream, subject, Parse(replicas)),
    ["certificate", string folder] => LoopbackCertificate.WritePem(folder),
    _ => Usage(),
};

// What follows smtpserver's port: --nodelay, then --tls-certificate C --tls-key K, each optional.
static (bool NoDelay, X509Certificate2? Certificate, bool Ok) SmtpServerOptions(string[] rest)
{
    bool noDelay = rest is ["--nodelay", ..];
    return rest[(noDelay ? 1 : 0)..] switch
    {
        [] => (noDelay, null, true),
        ["--tls-certificate", string certificate, "--tls-key", string key] => (noDelay, TlsFiles.LoadServerCertificate(certificate, key).Certificate, true),
        _ => (false, null, false),
    };
}

static int Parse(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: SmtpGen.LoadPeers smtpserver --port P [--nodelay] [--tls-certificate C --tls-key K] | mailkit-load --port P --messages N --sessions C --size S [--warmup W] | nats-stream --url U --stream S --subject T --replicas R | certificate DIR");
    return 2;
}
