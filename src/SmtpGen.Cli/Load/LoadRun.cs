using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// Sends <c>messages</c> copies of one message over <c>sessions</c> concurrent connections, each session
/// sending one message after another over its connection, like Postfix's <c>smtp-source</c>.
/// </summary>
internal sealed class LoadRun(ServerEndPoint server, int messages, int sessions, string from, string to, ReadOnlyMemory<byte> message, SmtpClientOptions options)
{
    private readonly long[] _latencies = new long[messages];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _claimed;
    private int _completed;
    private int _sent;

    /// <summary>The messages finished so far, sent or failed.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var workers = new Task[sessions];
        for (int i = 0; i < sessions; i++)
        {
            workers[i] = SessionAsync(cancellationToken);
        }

        await Task.WhenAll(workers);
        clock.Stop();
        long[] latencies = _latencies.Where(ticks => ticks > 0).Order().ToArray();
        return new LoadReport(_sent, messages - _sent, clock.Elapsed, message.Length, latencies, _errors);
    }

    private async Task SessionAsync(CancellationToken cancellationToken)
    {
        SmtpClient? client = null;
        try
        {
            int index;
            while ((index = Interlocked.Increment(ref _claimed) - 1) < messages)
            {
                try
                {
                    client ??= await SmtpClient.ConnectAsync(server.Host, server.Port, options, cancellationToken);
                    long start = Stopwatch.GetTimestamp();
                    SmtpSendResult result = await client.SendAsync(from, [to], message, cancellationToken);
                    if (result.IsSent)
                    {
                        _latencies[index] = Math.Max(1, Stopwatch.GetElapsedTime(start).Ticks);
                        Interlocked.Increment(ref _sent);
                    }
                    else
                    {
                        Count(result.Recipients[0].Reply.Code.ToString());
                    }
                }
                catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or SocketException or IOException or TimeoutException)
                {
                    // The error is counted and the session starts over on a new connection.
                    Count(failure is SmtpCommandException refused ? refused.Code.ToString() : failure.GetType().Name);
                    if (client is not null)
                    {
                        await client.DisposeAsync();
                        client = null;
                    }
                }

                Interlocked.Increment(ref _completed);
            }

            if (client is not null)
            {
                await client.QuitAsync(cancellationToken);
            }
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    private void Count(string error) => _errors.AddOrUpdate(error, 1, (_, count) => count + 1);
}
