namespace SmtpGen.Server;

/// <summary>
/// The users a server authenticates with SCRAM-SHA-256, PLAIN and LOGIN (RFC 4954), each by the verifier of its
/// password (<see cref="ScramCredential"/>), never by the password itself.
/// </summary>
public abstract class SmtpUserStore
{
    /// <summary>Finds a user's verifier.</summary>
    /// <param name="userName">The name the client gave.</param>
    /// <param name="cancellationToken">Cancelled when the check has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only.</param>
    /// <returns>The verifier; null when there is no such user.</returns>
    public abstract ValueTask<ScramCredential?> FindAsync(string userName, CancellationToken cancellationToken);
}
