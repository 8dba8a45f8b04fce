namespace SmtpGen;

/// <summary>The first digit of a reply code (RFC 5321 §4.2.1, RFC 959 §4.2).</summary>
public enum ReplyClass
{
    /// <summary>1yz: the command was accepted, another reply will follow (not used in SMTP).</summary>
    PositivePreliminary = 1,

    /// <summary>2yz: the action completed.</summary>
    PositiveCompletion = 2,

    /// <summary>3yz: the command was accepted and more information is awaited (SMTP: 354 to DATA).</summary>
    PositiveIntermediate = 3,

    /// <summary>4yz: the action failed for now; the command may be tried again.</summary>
    TransientNegative = 4,

    /// <summary>5yz: the action failed and should not be tried again as it was.</summary>
    PermanentNegative = 5,
}
