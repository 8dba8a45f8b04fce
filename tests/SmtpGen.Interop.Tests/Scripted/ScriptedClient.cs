using SmtpGen.Client;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Scripted;

/// <summary>Clients for scripted servers: short timeouts, so that a client waiting for a reply the script withholds fails soon.</summary>
internal static class ScriptedClient
{
    public static SmtpClientOptions Options(
        ISmtpTranscript? transcript = null,
        TimeSpan? timeout = null,
        bool useEhlo = true,
        StartTlsMode? startTls = null,
        System.Net.NetworkCredential? credentials = null,
        bool allowInsecureAuth = false,
        bool useChunking = true)
    {
        TimeSpan wait = timeout ?? TimeSpan.FromSeconds(10);
        return new SmtpClientOptions
        {
            ClientDomain = ScriptedSession.ClientDomain,
            Transcript = transcript,
            UseEhlo = useEhlo,
            StartTls = startTls,
            Credentials = credentials,
            AllowInsecureAuth = allowInsecureAuth,
            UseChunking = useChunking,
            ConnectTimeout = wait,
            GreetingTimeout = wait,
            CommandTimeout = wait,
            MailTimeout = wait,
            RcptTimeout = wait,
            DataInitiationTimeout = wait,
            DataBlockTimeout = wait,
            DataTerminationTimeout = wait,
        };
    }

    public static Task<SmtpClient> ConnectAsync(ScriptedServer server, SmtpClientOptions? options = null) =>
        SmtpClient.ConnectAsync("127.0.0.1", server.Port, options ?? Options());

    /// <summary>
    /// Sends a message from <see cref="Alice"/> to <see cref="Bob"/> with <paramref name="options"/> to a server that
    /// announces <paramref name="extensions"/> (not PIPELINING) and expects <paramref name="mailParameters"/> on MAIL.
    /// </summary>
    public static async Task SendExpectingMailParametersAsync(SmtpSendOptions options, string mailParameters, params string[] extensions)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync(extensions);
            await s.AcceptMessageAsync(Alice, Bob, mailParameters);
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ConnectAsync(server);
        await client.SendAsync(Alice, [Bob], WithDotLines, options);
        await client.DisposeAsync();
        await server.Completion;
    }

    /// <summary>
    /// Sends a message from <see cref="Alice"/> to <paramref name="recipients"/> with <paramref name="options"/> to a
    /// server that announces <paramref name="extensions"/> and must receive nothing after EHLO: returns what the client
    /// threw, which it must throw before writing a line.
    /// </summary>
    public static async Task<TException> RefusedBeforeAnythingIsSentAsync<TException>(string[] recipients, SmtpSendOptions options, params string[] extensions)
        where TException : Exception
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync(extensions);
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClient client = await ConnectAsync(server);
        TException refused = await Assert.ThrowsAsync<TException>(() => client.SendAsync(Alice, recipients, WithDotLines, options));
        await client.DisposeAsync();
        await server.Completion;
        return refused;
    }
}
