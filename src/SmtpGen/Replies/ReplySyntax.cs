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
        : this(maxLineLength, enhancedStatusCodes, preliminaryReplies, multilineReplies, anySecondDigit: false)
    {
    }

    /// <summary>Creates reply settings, saying whether a code's second digit may be 6–9.</summary>
    /// <param name="maxLineLength">The longest reply line in octets, CRLF included (RFC 5321 §4.5.3.1.5: 512).</param>
    /// <param name="enhancedStatusCodes">Whether texts may start with an RFC 3463 enhanced status code to split off.</param>
    /// <param name="preliminaryReplies">Whether 1yz codes exist (FTP); otherwise a code lies in 200–599.</param>
    /// <param name="multilineReplies">How the lines of a multi-line reply are marked.</param>
    /// <param name="anySecondDigit">Whether a code's second digit may be any of 0–9 (NNTP, RFC 3977 §3.2); otherwise 0–5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is not positive.</exception>
    public ReplySyntax(int maxLineLength, bool enhancedStatusCodes, bool preliminaryReplies, MultilineReplies multilineReplies, bool anySecondDigit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineLength);
        MaxLineLength = maxLineLength;
        EnhancedStatusCodes = enhancedStatusCodes;
        PreliminaryReplies = preliminaryReplies;
        MultilineReplies = multilineReplies;
        AnySecondDigit = anySecondDigit;
    }

    /// <summary>The longest reply line in octets, CRLF included.</summary>
    public int MaxLineLength { get; }

    /// <summary>Whether texts may start with an RFC 3463 enhanced status code, which the parser then splits off.</summary>
    public bool EnhancedStatusCodes { get; }

    /// <summary>Whether 1yz codes exist: FTP's "positive preliminary" ones (RFC 959 §4.2), NNTP's informative ones (RFC 3977 §3.2.1); RFC 5321 §4.2.1: not in SMTP.</summary>
    public bool PreliminaryReplies { get; }

    /// <summary>Whether a code's second digit may be any of 0–9 (RFC 3977 §3.2: NNTP's x8x and x9x), rather than 0–5 (RFC 5321 §4.2.1).</summary>
    public bool AnySecondDigit { get; }

    /// <summary>How the lines of a multi-line reply are marked.</summary>
    public MultilineReplies MultilineReplies { get; }
}
