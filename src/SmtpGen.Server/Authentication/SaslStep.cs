namespace SmtpGen.Server;

/// <summary>What a step of an authentication exchange leads to.</summary>
internal enum SaslStepKind
{
    /// <summary>The mechanism sends a challenge (334) and waits for the client's response.</summary>
    Challenge,

    /// <summary>The client is authenticated (235).</summary>
    Succeeded,

    /// <summary>The client is not (535).</summary>
    Failed,
}

/// <summary>One step of an authentication exchange: a challenge to send, the identity authenticated, or a failure.</summary>
internal readonly record struct SaslStep(SaslStepKind Kind, byte[]? Challenge, string? Identity)
{
    public static readonly SaslStep Failed = new(SaslStepKind.Failed, null, null);

    public static SaslStep Continue(byte[] challenge) => new(SaslStepKind.Challenge, challenge, null);

    public static SaslStep Succeeded(string identity) => new(SaslStepKind.Succeeded, null, identity);
}
