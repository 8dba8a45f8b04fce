using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Nats;

public sealed partial class JetStreamDelivery
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Message {Id} {Outcome} ({Size} octets)")]
    private static partial void LogDelivered(ILogger logger, string id, string outcome, long size);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Message {Id} could not be delivered; it waits on the stream")]
    private static partial void LogFailed(ILogger logger, Exception failure, string id);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Stream message {Sequence} is not a message a front end published (no id or envelope); dropped")]
    private static partial void LogNotAMessage(ILogger logger, ulong sequence);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "JetStream does not answer; trying again in {Wait}")]
    private static partial void LogUnavailable(ILogger logger, Exception failure, TimeSpan wait);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Message {Id} to {Recipient} refused for good, dropped: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string recipient, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Message {Id} to {Recipient} deferred: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string id, string recipient, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Message {Id} put back on the stream for {Count} recipients as {Requeued}")]
    private static partial void LogRequeued(ILogger logger, string id, int count, string requeued);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Message {Id} could not be put back on the stream for its {Count} recipients left; it stays unacknowledged, and comes again to every recipient")]
    private static partial void LogRequeueFailed(ILogger logger, Exception failure, string id, int count);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Stopped with message {Id} unfinished after {Grace}: the stream delivers it again")]
    private static partial void LogStoppedInHand(ILogger logger, string id, TimeSpan grace);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The stream {Stream} remembers ids for {Window}, no longer than a message waits for its acknowledgement ({AckWait}): a message put back for its recipients left may be put back twice")]
    private static partial void LogDuplicateWindow(ILogger logger, string stream, TimeSpan window, TimeSpan ackWait);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "JetStream says the stream {Stream} does not exist; asking again in {Wait}, for {Grace} at most")]
    private static partial void LogStreamNotFound(ILogger logger, string stream, TimeSpan wait, TimeSpan grace);
}
