using System.Net.Sockets;
using System.Text;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// A scripted server that offers PIPELINING and CHUNKING, takes one session of one message (by DATA or by BDAT) and
/// returns the verbs it was sent, in order: what a load generator chose to send, seen from the wire.
/// </summary>
internal static class ChunkingServer
{
    public static async Task<List<string>> ServeOneMessageAsync(TcpListener listener)
    {
        using Socket client = await listener.AcceptSocketAsync();
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var verbs = new List<string>();
        await WriteAsync(stream, "220 chunking.test ESMTP\r\n");
        while (await ReadLineAsync(stream) is { } line)
        {
            string verb = line.Split(' ')[0].ToUpperInvariant();
            verbs.Add(verb);
            switch (verb)
            {
                case "EHLO":
                    await WriteAsync(stream, "250-chunking.test\r\n250-PIPELINING\r\n250 CHUNKING\r\n");
                    break;
                case "DATA":
                    await WriteAsync(stream, "354 Go ahead\r\n");
                    while (await ReadLineAsync(stream) is { } data && data != ".")
                    {
                    }

                    await WriteAsync(stream, "250 Queued\r\n");
                    break;
                case "BDAT":
                    await stream.ReadExactlyAsync(new byte[int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)]);
                    await WriteAsync(stream, "250 Queued\r\n");
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 Bye\r\n");
                    return verbs;
                default:
                    await WriteAsync(stream, "250 OK\r\n");
                    break;
            }
        }

        return verbs;
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>One line without its CRLF, read an octet at a time so that a BDAT chunk after it stays in the stream.</summary>
    private static async Task<string?> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        byte[] octet = new byte[1];
        while (await stream.ReadAsync(octet) == 1)
        {
            if (octet[0] == (byte)'\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)octet[0]);
        }

        return null;
    }
}
