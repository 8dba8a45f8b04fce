using System.Collections.Concurrent;

namespace SmtpGen.Server;

/// <summary>Users held in memory, for tests and for users that come from elsewhere; names compare ordinally.</summary>
public sealed class MemoryUserStore : SmtpUserStore
{
    private readonly ConcurrentDictionary<string, ScramCredential> _users = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a user.</summary>
    /// <param name="userName">The user's name.</param>
    /// <param name="credential">The verifier of the user's password (<see cref="ScramCredential.Create"/>).</param>
    public void Add(string userName, ScramCredential credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(credential);
        _users[userName] = credential;
    }

    /// <inheritdoc/>
    public override ValueTask<ScramCredential?> FindAsync(string userName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.GetValueOrDefault(userName));
}
