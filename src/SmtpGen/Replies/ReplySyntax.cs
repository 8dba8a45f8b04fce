namespace SmtpGen;

/// <summary>What a protocol's replies look like; the reply parser's settings.</summary>
public readonly struct ReplySyntax
{
    /// <summary>Creates reply settings.</summary>
    /// <param name="maxLineLength">The longest reply line in octets, CRLF included (RFC 5321 §4.5.3.1.5: 512).</param>
    /// <param name="enhancedStatusCodes">Whether texts may start with an RFC 3463 enhanced status code to split off.</param>
    /// <param name="preliminaryReplies">Whether 1yz codes exist (FTP); otherwise a code lies in 200–599.</param>
    /// <param name="multilineReplies">How the lines of a multi-line reply are marked.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is not positive.</exception>
    public ReplySyntax(int maxLineLength, bool enhancedStatusCodes, bool preliminaryReplies, MultilineReplies multilineReplies)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        MaxLineLength = maxLineLength;
        EnhancedStatusCodes = enhancedStatusCodes;
        PreliminaryReplies = preliminaryReplies;
        MultilineReplies = multilineReplies;
    }

    /// <summary>The longest reply line in octets, CRLF included.</summary>
    public int MaxLineLength { get; }

    /// <summary>Whether texts may start with an RFC 3463 enhanced status code, which the parser then splits off.</summary>
    public bool EnhancedStatusCodes { get; }

    /// <summary>Whether 1yz "positive preliminary" codes exist, which another reply follows (RFC 959 §4.2; RFC 5321 §4.2.1: not in SMTP).</summary>
    public bool PreliminaryReplies { get; }

    /// <summary>
    /// Whether 1yz codes exist and are final: informative, as NNTP's (RFC 3977 §3.2.1: <c>101 Capability list
    /// follows</c>), so that <see cref="GetOutcome"/> takes them as positive.
    /// </summary>
    public bool InformativeReplies { get; init; }

    /// <summary>Whether a code's second digit may be any of 0–9 (RFC 3977 §3.2: NNTP's x8x and x9x), rather than 0–5 (RFC 5321 §4.2.1).</summary>
    public bool AnySecondDigit { get; init; }

    /// <summary>
    /// What a reply of <paramref name="code"/> says of its command in this protocol: its class's outcome
    /// (<see cref="ReplyCode.Outcome"/>), but positive for a 1yz where 1yz replies are informative.
    /// </summary>
    /// <param name="code">The reply's code.</param>
    /// <returns>The outcome the state machine moves on.</returns>
    public ReplyOutcome GetOutcome(ReplyCode code) =>
        InformativeReplies && code.Class == ReplyClass.PositivePreliminary ? ReplyOutcome.Positive : code.Outcome;

    /// <summary>How the lines of a multi-line reply are marked.</summary>
    public MultilineReplies MultilineReplies { get; }
}
