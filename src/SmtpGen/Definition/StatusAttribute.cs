namespace SmtpGen;

/// <summary>
/// Declares, on a definition whose replies are status tokens (<see cref="ReplyForm.Status"/>), one token and what it
/// says of the command it answers, e.g. <c>[Status("+OK", ReplyOutcome.Positive)]</c> and
/// <c>[Status("-ERR", ReplyOutcome.Negative)]</c> for POP3 (RFC 1939 §3).
/// </summary>
/// <param name="token">The token, printable ASCII without SP, e.g. <c>+OK</c>.</param>
/// <param name="outcome">What a reply that starts with it says.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class StatusAttribute(string token, ReplyOutcome outcome) : Attribute
{
    /// <summary>The token.</summary>
    public string Token { get; } = token;

    /// <summary>What a reply that starts with the token says.</summary>
    public ReplyOutcome Outcome { get; } = outcome;
}
