using System.Net;

namespace SmtpGen.Server;

/// <summary>What a policy knows of the session that asks: who connected and what the client said so far.</summary>
public sealed class SmtpSessionInfo
{
    internal SmtpSessionInfo(string id, EndPoint? remoteEndPoint)
    {
        Id = id;
        RemoteEndPoint = remoteEndPoint;
    }

    /// <summary>The session's id, also in every log scope of the session.</summary>
    public string Id { get; }

    /// <summary>The client's address and port.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The name the client gave in EHLO or HELO; null before it said hello.</summary>
    public string? HeloName { get; internal set; }

    /// <summary>Whether the client said EHLO (rather than HELO).</summary>
    public bool IsExtended { get; internal set; }
}
