namespace SmtpGen;

/// <summary>
/// Marks a member of the protocol's state enum as final: the session is over there (SMTP's state after QUIT's
/// 221), so no command comes in it unless a command names it in <see cref="CommandAttribute.In"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class FinalStateAttribute : Attribute;
