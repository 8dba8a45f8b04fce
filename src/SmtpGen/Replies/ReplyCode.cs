using System.Globalization;

namespace SmtpGen;

/// <summary>A three-digit reply code (RFC 5321 §4.2, RFC 959 §4.2).</summary>
public readonly struct ReplyCode : IEquatable<ReplyCode>
{
    /// <summary>Creates a reply code.</summary>
    /// <param name="value">The code, 100–599.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside 100–599.</exception>
    public ReplyCode(int value)
    {
        if (value is < 100 or > 599)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "A reply code has three digits, the first 1 to 5 (RFC 5321 §4.2).");
        }

        Value = value;
    }

    /// <summary>The code as a number, e.g. 250.</summary>
    public int Value { get; }

    /// <summary>The first digit: whether the reply is good, bad or incomplete (RFC 5321 §4.2.1).</summary>
    public ReplyClass Class => (ReplyClass)(Value / 100);

    /// <summary>What the reply says of its command: 2yz positive, 1yz and 3yz intermediate, 4yz and 5yz negative.</summary>
    public ReplyOutcome Outcome => Class switch
    {
        ReplyClass.PositiveCompletion => ReplyOutcome.Positive,
        ReplyClass.PositivePreliminary or ReplyClass.PositiveIntermediate => ReplyOutcome.Intermediate,
        _ => ReplyOutcome.Negative,
    };

    /// <summary>The second digit: the category of the response (RFC 5321 §4.2.1: 0 syntax, 1 information, 2 connections, 5 mail system).</summary>
    public int Category => Value / 10 % 10;

    /// <summary>Whether the reply is positive (class 1, 2 or 3).</summary>
    public bool IsPositive => Value is >= 100 and < 400;

    /// <summary>Whether the reply is negative (class 4 or 5).</summary>
    public bool IsNegative => Value >= 400;

    /// <summary>Whether the reply is a transient negative one (class 4): the command may succeed later.</summary>
    public bool IsTransient => Class == ReplyClass.TransientNegative;

    /// <summary>Whether the reply is a permanent negative one (class 5).</summary>
    public bool IsPermanent => Class == ReplyClass.PermanentNegative;

    /// <summary>The code as a number.</summary>
    /// <param name="code">The reply code.</param>
    public static implicit operator int(ReplyCode code) => code.Value;

    /// <summary>Whether two codes are the same.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    public static bool operator ==(ReplyCode left, ReplyCode right) => left.Value == right.Value;

    /// <summary>Whether two codes differ.</summary>
    /// <param name="left">A code.</param>
    /// <param name="right">Another code.</param>
    public static bool operator !=(ReplyCode left, ReplyCode right) => left.Value != right.Value;

    /// <inheritdoc/>
    public bool Equals(ReplyCode other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ReplyCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value;

    /// <summary>The three digits, e.g. <c>"250"</c>.</summary>
    /// <returns>The code in decimal.</returns>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
