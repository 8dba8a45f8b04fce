namespace SmtpGen;

/// <summary>
/// Adds to a command declared with <see cref="CommandAttribute"/> more states in which it may come, with a
/// destination of their own. RSET is the example: from a mail transaction it leads back to the ready state,
/// but before EHLO it is allowed and changes nothing (RFC 5321 §4.1.4).
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = true)]
public sealed class TransitionAttribute : Attribute
{
    /// <summary>The further states in which the command may come.</summary>
    public object[] In { get; set; } = [];

    /// <summary>The state after a positive completion reply from those states; unchanged when not set.</summary>
    public object? Then { get; set; }

    /// <summary>The state after a negative reply from those states; unchanged when not set.</summary>
    public object? Else { get; set; }
}
