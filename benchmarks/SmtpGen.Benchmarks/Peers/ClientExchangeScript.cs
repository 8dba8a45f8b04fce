using System.Text;

namespace SmtpGen.Benchmarks.Peers;

/// <summary>The server side of the client exchanges: the seed's greeting, the EHLO reply, and 250 to NOOP.</summary>
internal static class ClientExchangeScript
{
    public static ScriptedServerStream CreateServer() => new(
        Encoding.ASCII.GetBytes("220 mail.example.com Service ready\r\n"),
        new Dictionary<string, byte[]>
        {
            ["EHLO"] = SeedLines.EhloReply.SelectMany(line => line).ToArray(),
            ["NOOP"] = Encoding.ASCII.GetBytes("250 2.0.0 OK\r\n"),
        });
}
