using System.Buffers;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.Server.Nats;

public sealed partial class JetStreamDelivery
{
    /// <summary>How long a stop waits for the message in hand: its target's answer, then its acknowledgement.</summary>
    public static TimeSpan StopGrace { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The stream sequences this delivery deferred, so that their coming again is not counted as a lost acknowledgement.</summary>
    private readonly HashSet<ulong> _deferredSequences = [];

    private async Task DeliverAsync(INatsJSMsg<byte[]> message, CancellationToken stopping)
    {
        QueuedMessage? queued = Read(message);
        if (queued is null)
        {
            // Not a message a front end published: delivering it again would fail again.
            LogNotAMessage(_logger, message.Metadata?.Sequence.Stream ?? 0);
            await message.AckTerminateAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // The message in hand is finished rather than dropped when the delivery stops: dropped after its target took it,
        // it would be delivered twice. The stop leaves it StopGrace.
        using var inHand = new CancellationTokenSource();
        using CancellationTokenRegistration stop = stopping.Register(static state => ((CancellationTokenSource)state!).CancelAfter(StopGrace), inHand);
        DeliveryOutcome? outcome = await AskTargetAsync(message, queued, inHand.Token).ConfigureAwait(false);
        if (outcome is null)
        {
            return;
        }

        List<string> again = Sort(queued, outcome, GivenUp(message));
        ulong sequence = message.Metadata?.Sequence.Stream ?? 0;
        if (again.Count == queued.Recipients.Count)
        {
            // Delivered to no one, refused to no one: the whole message waits on the stream.
            await message.NakAsync(new AckOpts { NakDelay = _options.DeferredWait }, inHand.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _deferred);
            Measure(message, "deferred");
            if (_deferredSequences.Count > 100_000)
            {
                _deferredSequences.Clear();   // another delivery took them up: forget rather than grow
            }

            _deferredSequences.Add(sequence);
            return;
        }

        if (again.Count > 0 && !await RequeueAsync(message, queued, again, inHand.Token).ConfigureAwait(false))
        {
            return;
        }

        await message.AckAsync(cancellationToken: inHand.Token).ConfigureAwait(false);
        string measured = outcome.Written ? "written" : outcome.Failures.Count == 0 ? "already_delivered" : "refused";
        if (outcome.Written || outcome.Failures.Count == 0)
        {
            // A message refused for good to every recipient has its recipients counted in Refused already.
            Interlocked.Increment(ref outcome.Written ? ref _delivered : ref _repeated);
        }

        Measure(message, measured);
        LogDelivered(_logger, queued.Id, measured, queued.Octets.Length);
    }

    /// <summary>
    /// The target's outcome, the stream told meanwhile that the message is in progress; an exception of the target's is a
    /// deferral of every recipient. Null when the stop ended the wait: the message is the stream's again.
    /// </summary>
    private async Task<DeliveryOutcome?> AskTargetAsync(INatsJSMsg<byte[]> message, QueuedMessage queued, CancellationToken inHand)
    {
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(inHand);
        Task progress = KeepInProgressAsync(message, _options.AckWait / 2, answered.Token);
        try
        {
            DeliveryOutcome outcome = await _target.DeliverAsync(queued, inHand).ConfigureAwait(false);
            foreach (RecipientFailure failure in outcome.Failures)
            {
                if (!queued.Recipients.Contains(failure.Recipient))
                {
                    throw new InvalidOperationException($"The target {_target} answered for {failure.Recipient}, who is not a recipient of message {queued.Id}.");
                }
            }

            return outcome;
        }
        catch (OperationCanceledException) when (inHand.IsCancellationRequested)
        {
            LogStoppedInHand(_logger, queued.Id, StopGrace);
            return null;
        }
        catch (Exception failure)
        {
            LogFailed(_logger, failure, queued.Id);
            return DeliveryOutcome.ToNone(queued, $"{failure.GetType().Name}: {failure.Message}", permanent: false);
        }
        finally
        {
            await answered.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
        }
    }

    /// <summary>Logs each failure and counts those refused for good; the recipients to try again, none when the message is given up.</summary>
    private List<string> Sort(QueuedMessage queued, DeliveryOutcome outcome, bool givenUp)
    {
        List<string> again = [];
        foreach (RecipientFailure failure in outcome.Failures)
        {
            if (failure.Permanent || givenUp)
            {
                LogRefused(_logger, queued.Id, failure.Recipient, givenUp && !failure.Permanent ? $"given up after {_options.GiveUpAfter}: {failure.Reason}" : failure.Reason);
                Interlocked.Increment(ref _refused);
            }
            else
            {
                LogDeferred(_logger, queued.Id, failure.Recipient, failure.Reason);
                again.Add(failure.Recipient);
            }
        }

        return again;
    }

    /// <summary>Whether the message has waited on the stream longer than <see cref="JetStreamDeliveryOptions.GiveUpAfter"/>.</summary>
    private bool GivenUp(INatsJSMsg<byte[]> message) =>
        message.Metadata is { } metadata && DateTimeOffset.UtcNow - metadata.Timestamp > _options.GiveUpAfter;

    private void Measure(INatsJSMsg<byte[]> message, string outcome)
    {
        ulong sequence = message.Metadata?.Sequence.Stream ?? 0;
        bool again = (message.Metadata?.NumDelivered ?? 1) > 1 && !_deferredSequences.Remove(sequence);
        _metrics?.Delivered(outcome, again, message.Metadata?.NumPending ?? 0);
    }

    /// <summary>Tells the stream every <paramref name="every"/> that the message is being delivered, until <paramref name="answered"/>.</summary>
    private static async Task KeepInProgressAsync(INatsJSMsg<byte[]> message, TimeSpan every, CancellationToken answered)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(answered).ConfigureAwait(false))
            {
                await message.AckProgressAsync(cancellationToken: answered).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (answered.IsCancellationRequested)
        {
            // Answered.
        }
        catch (NATS.Client.Core.NatsException)
        {
            // A word of progress lost: at worst the stream delivers the message again, which the target answers for.
        }
    }

    /// <summary>The message as a front end published it, or null when it is not one.</summary>
    private static QueuedMessage? Read(INatsJSMsg<byte[]> message)
    {
        if (message.Headers?.TryGetValue("Nats-Msg-Id", out var values) != true
            || !JetStreamMessage.TrySplit(message.Headers, new ReadOnlySequence<byte>(message.Data ?? []), out ReadOnlySequence<byte> envelope, out ReadOnlySequence<byte> octets))
        {
            return null;
        }

        try
        {
            return new QueuedMessage(values.ToString(), envelope.ToArray(), octets);
        }
        catch (Exception mistake) when (mistake is System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Puts the message back on the stream for <paramref name="recipients"/> only, as a message of its own whose id is the
    /// message's and its stream sequence: a delivery again of this same message puts back the same id, which the stream
    /// takes once (within its duplicate window). Tried again while no JetStream server answers, up to
    /// <see cref="RequeueTimeout"/>; false, with the message left unacknowledged, when that passes.
    /// </summary>
    private async Task<bool> RequeueAsync(INatsJSMsg<byte[]> message, QueuedMessage queued, List<string> recipients, CancellationToken inHand)
    {
        var payload = new ArrayBufferWriter<byte>();
        QueuedEnvelope.WriteFor(queued.EnvelopeJson, recipients, payload);
        int envelopeLength = payload.WrittenCount;
        foreach (ReadOnlyMemory<byte> segment in queued.Octets)
        {
            payload.Write(segment.Span);
        }

        string id = $"{queued.Id}-{message.Metadata?.Sequence.Stream ?? 0}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(inHand);
        deadline.CancelAfter(RequeueTimeout);
        try
        {
            PubAckResponse ack = await _context.PublishAsync(
                message.Subject,
                payload.WrittenMemory,
                opts: new NatsJSPubOpts { MsgId = id, RetryAttempts = int.MaxValue, RetryWaitBetweenAttempts = TimeSpan.FromMilliseconds(250) },
                headers: JetStreamMessage.Headers(envelopeLength),
                cancellationToken: deadline.Token).ConfigureAwait(false);
            if (!ack.Duplicate)
            {
                ack.EnsureSuccess();
            }
        }
        catch (Exception failure) when (failure is OperationCanceledException or NATS.Client.Core.NatsException)
        {
            // Left unacknowledged: the stream delivers it again after AckWait, to every recipient (those delivered get it twice).
            LogRequeueFailed(_logger, failure, queued.Id, recipients.Count);
            return false;
        }

        LogRequeued(_logger, queued.Id, recipients.Count, id);
        return true;
    }

    /// <summary>How long a message put back for the recipients left may wait for the stream's acknowledgement.</summary>
    private static readonly TimeSpan RequeueTimeout = TimeSpan.FromSeconds(10);
}
