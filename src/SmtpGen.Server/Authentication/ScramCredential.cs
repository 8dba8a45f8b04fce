using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Server;

/// <summary>
/// What a server keeps of a user's password (RFC 5802 §3): the salt, the iteration count, <c>StoredKey</c> and
/// <c>ServerKey</c>. It checks a SCRAM-SHA-256 proof, and a password sent with PLAIN or LOGIN, and cannot be turned
/// back into the password. Written as <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> (base64), the form
/// PostgreSQL uses.
/// </summary>
public sealed class ScramCredential
{
    private const string Prefix = SaslMechanisms.ScramSha256 + "$";

    private readonly byte[] _salt;
    private readonly byte[] _storedKey;
    private readonly byte[] _serverKey;

    /// <summary>A verifier from its parts.</summary>
    /// <param name="salt">The salt, at least 8 octets.</param>
    /// <param name="iterations">The iteration count, at least 4096 (RFC 7677 §4).</param>
    /// <param name="storedKey">StoredKey, 32 octets.</param>
    /// <param name="serverKey">ServerKey, 32 octets.</param>
    /// <exception cref="ArgumentException">A part is of the wrong size.</exception>
    public ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(storedKey);
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(salt.Length, 8, nameof(salt));
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, Scram.MinIterations);
        ArgumentOutOfRangeException.ThrowIfNotEqual(storedKey.Length, Scram.KeyLength, nameof(storedKey));
        ArgumentOutOfRangeException.ThrowIfNotEqual(serverKey.Length, Scram.KeyLength, nameof(serverKey));
        (_salt, Iterations, _storedKey, _serverKey) = (salt, iterations, storedKey, serverKey);
    }

    /// <summary>The salt of <c>Hi(password, salt, i)</c>.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The iteration count of <c>Hi(password, salt, i)</c>.</summary>
    public int Iterations { get; }

    /// <summary><c>H(ClientKey)</c>, against which a client's proof is checked.</summary>
    public ReadOnlySpan<byte> StoredKey => _storedKey;

    /// <summary><c>HMAC(SaltedPassword, "Server Key")</c>, with which the server proves it knows the verifier.</summary>
    public ReadOnlySpan<byte> ServerKey => _serverKey;

    /// <summary>Makes the verifier of a password, with a new random salt of 16 octets.</summary>
    /// <param name="password">The password; it is not kept.</param>
    /// <param name="iterations">The iteration count: more is slower for an attacker and for every login.</param>
    public static ScramCredential Create(string password, int iterations = Scram.MinIterations) =>
        FromPassword(password, RandomNumberGenerator.GetBytes(16), iterations);

    /// <summary>The verifier a password would have with <paramref name="salt"/>.</summary>
    internal static ScramCredential FromPassword(string password, byte[] salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] salted = Scram.SaltedPassword(password, salt, iterations);
        return new ScramCredential(salt, iterations, Scram.StoredKey(Scram.ClientKey(salted)), Scram.ServerKey(salted));
    }

    /// <summary>Whether <paramref name="password"/> is the password this verifier was made from (PLAIN, LOGIN), in constant time.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is null.</exception>
    public bool Verifies(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] storedKey = Scram.StoredKey(Scram.ClientKey(Scram.SaltedPassword(password, _salt, Iterations)));
        return CryptographicOperations.FixedTimeEquals(storedKey, _storedKey);
    }

    /// <summary>Whether a client's SCRAM proof over <paramref name="authMessage"/> shows it knows the password (RFC 5802 §3).</summary>
    internal bool VerifiesProof(byte[] proof, string authMessage)
    {
        if (proof.Length != Scram.KeyLength)
        {
            return false;
        }

        byte[] clientKey = Scram.Xor(proof, Scram.Signature(_storedKey, authMessage));
        return CryptographicOperations.FixedTimeEquals(Scram.StoredKey(clientKey), _storedKey);
    }

    /// <summary>The server's signature over <paramref name="authMessage"/>, which proves to the client that it knows the verifier.</summary>
    internal byte[] ServerSignature(string authMessage) => Scram.Signature(_serverKey, authMessage);

    /// <summary><c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix}{Iterations}:{Convert.ToBase64String(_salt)}${Convert.ToBase64String(_storedKey)}:{Convert.ToBase64String(_serverKey)}");

    /// <summary>Reads a verifier written by <see cref="ToString"/>.</summary>
    /// <param name="text">The verifier's text; null is no verifier.</param>
    /// <param name="credential">The verifier, when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a verifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ScramCredential? credential)
    {
        credential = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = text[Prefix.Length..].Split('$');
        string[] first = parts[0].Split(':');
        string[] keys = parts.Length == 2 ? parts[1].Split(':') : [];
        if (first.Length != 2 || keys.Length != 2
            || !int.TryParse(first[0], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations)
            || !TryDecode(first[1], out byte[]? salt) || !TryDecode(keys[0], out byte[]? storedKey) || !TryDecode(keys[1], out byte[]? serverKey)
            || salt.Length < 8 || iterations < Scram.MinIterations || storedKey.Length != Scram.KeyLength || serverKey.Length != Scram.KeyLength)
        {
            return false;
        }

        credential = new ScramCredential(salt, iterations, storedKey, serverKey);
        return true;
    }

    private static bool TryDecode(string base64, [NotNullWhen(true)] out byte[]? octets)
    {
        octets = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, octets, out int written))
        {
            octets = octets[..written];
            return true;
        }

        octets = null;
        return false;
    }
}
