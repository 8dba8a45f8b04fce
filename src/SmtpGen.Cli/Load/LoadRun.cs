using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Authentication;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// Sends <c>messages</c> copies of one message over <c>sessions</c> concurrent connections, each session
/// sending one message after another over its connection, like Postfix's <c>smtp-source</c>. A connection that cannot
/// be made, or cannot be secured as the options require (no STARTTLS, a certificate not trusted), stops the run, at its
/// start or in its middle (a server gone), as it stops <c>smtp-source</c>: every other message would fail the same way. With
/// <paramref name="connectionPerMessage"/>, each message goes over a connection of its own, ended with QUIT after it, as
/// <c>smtp-source</c> sends without <c>-d</c> and as most mail arrives. A stop
/// (SIGINT, SIGTERM) ends it early: no message is begun after it, and the ones on their way are cut off with their
/// connections, counted neither as sent nor as failed. With <paramref name="replies"/>, each message is numbered and its
/// answer written there.
/// </summary>
internal sealed class LoadRun(
    ServerEndPoint server, int messages, int sessions, string from, string to, ReadOnlyMemory<byte> message, SmtpClientOptions options, bool connectionPerMessage,
    LoadReplies? replies = null)
{
    private readonly long[] _latencies = new long[messages];
    private readonly string[] _recipients = [to];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    /// <summary>What stopped every session: the server cannot be reached, or not as securely as the options require.</summary>
    private ServerException? _connectionFailure;
    private int _claimed;
    private int _completed;
    private int _sent;

    /// <summary>The messages finished so far, sent or failed.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>The rate so far (<see cref="LoadReport.Rate"/>); once the run has ended, the rate its report shows.</summary>
    public double MessagesPerSecond => LoadReport.Rate(Volatile.Read(ref _sent), _clock.Elapsed);

    /// <summary>Sends the messages, until the last or until <paramref name="stop"/>; the report tells what was done.</summary>
    /// <param name="stop">Ends the run early, with the report of what it did so far.</param>
    /// <exception cref="ServerException">No connection to the server could be made, or none secured as the options require.</exception>
    public async Task<LoadReport> RunAsync(CancellationToken stop)
    {
        _clock.Start();
        var workers = new Task[sessions];
        for (int i = 0; i < sessions; i++)
        {
            workers[i] = SessionAsync(stop);
        }

        await Task.WhenAll(workers);
        _clock.Stop();
        if (_connectionFailure is not null)
        {
            throw _connectionFailure;
        }

        long[] latencies = _latencies.Where(ticks => ticks > 0).Order().ToArray();
        return new LoadReport(messages, _sent, message.Length, _clock.Elapsed, latencies, _errors);
    }

    private async Task SessionAsync(CancellationToken stop)
    {
        SmtpClient? client = null;
        try
        {
            int index;
            while (!stop.IsCancellationRequested && Volatile.Read(ref _connectionFailure) is null && (index = Interlocked.Increment(ref _claimed) - 1) < messages)
            {
                try
                {
                    client ??= await SmtpClient.ConnectAsync(server.Host, server.Port, options, stop);
                    ReadOnlyMemory<byte> sending = replies is null ? message : LoadMessage.Numbered(message.Span, index);
                    long start = Stopwatch.GetTimestamp();
                    SmtpSendResult result = await client.SendAsync(from, _recipients, sending, stop);
                    if (result.IsSent)
                    {
                        _latencies[index] = Math.Max(1, Stopwatch.GetElapsedTime(start).Ticks);
                        Interlocked.Increment(ref _sent);
                    }
                    else
                    {
                        Count(result.Recipients[0].Reply.Code.ToString());
                    }

                    replies?.Write(index, (result.Reply ?? result.Recipients[0].Reply).ToString());
                }
                catch (Exception failure) when (failure is SocketException or AuthenticationException)
                {
                    // The client throws them only when it cannot connect, or cannot secure the connection as the options say.
                    Interlocked.CompareExchange(ref _connectionFailure, new ServerException(server, failure), null);
                    return;
                }
                catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException)
                {
                    // The error is counted and the session starts over on a new connection.
                    Count(failure is SmtpCommandException refused ? refused.Code.ToString() : failure.GetType().Name);
                    replies?.Write(index, failure is SmtpCommandException { Reply: var reply } ? reply.ToString() : $"{failure.GetType().Name}: {failure.Message}");
                    if (client is not null)
                    {
                        await client.DisposeAsync();
                        client = null;
                    }
                }

                Interlocked.Increment(ref _completed);
                if (connectionPerMessage && client is not null)
                {
                    SmtpClient ending = client;
                    client = null;
                    await QuitAfterMessageAsync(ending, stop);
                }
            }

            if (client is not null && !stop.IsCancellationRequested)
            {
                await client.QuitAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the message on its way is neither sent nor failed, and the connection is cut without QUIT (below).
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Ends a message's own connection: QUIT, then the close. The message was answered already, so a QUIT that fails
    /// changes nothing of it, and the next message opens a connection of its own anyway.
    /// </summary>
    private static async Task QuitAfterMessageAsync(SmtpClient client, CancellationToken stop)
    {
        try
        {
            await client.QuitAsync(stop);
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or TimeoutException)
        {
            // Closed below all the same.
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    private void Count(string error) => _errors.AddOrUpdate(error, 1, (_, count) => count + 1);
}
