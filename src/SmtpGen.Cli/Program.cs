using SmtpGen.Cli;

// serve and load spend a third less CPU a message when the socket engine's own thread runs each connection's
// completions, with no hop to a thread-pool worker and back. That is safe for them: the server moves to the thread pool
// before anything that may block (its store's writes and fsync, a TLS handshake, AUTH), and load's sessions never block.
// The runtime reads the switch when the first socket is made, so it is set before anything else; a value the user set
// (0 to turn it off) is kept.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (args is ["serve" or "load", ..] && Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stop.Cancel();
};

await using Stream input = Console.OpenStandardInput();
return await Commands.RunAsync(args, input, Console.Out, Console.Error, stop.Token);
