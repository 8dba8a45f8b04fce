using System.Security.Cryptography;
using System.Text;

namespace SmtpGen.Smtp.Sasl;

/// <summary>
/// The arithmetic of SCRAM-SHA-256 (RFC 5802 §3, RFC 7677), which the server and the client share:
/// <c>SaltedPassword = Hi(password, salt, i)</c>, the client and server keys and signatures over the
/// <c>AuthMessage</c>, and the names and attributes of its messages.
/// </summary>
public static class Scram
{
    /// <summary>The length of SHA-256's output, and so of every key.</summary>
    public const int KeyLength = 32;

    /// <summary>RFC 7677 §4: at least 4096 iterations.</summary>
    public const int MinIterations = 4096;

    /// <summary>The GS2 header of a client that does not use channel binding and names no other identity (RFC 5802 §7): <c>n,,</c>.</summary>
    public const string Gs2Header = "n,,";

    /// <summary><c>Hi(Normalize(password), salt, i)</c>: PBKDF2 with HMAC-SHA-256 (RFC 5802 §2.2).</summary>
    /// <param name="password">
    /// The password, normalized with NFKC, SASLprep's normalization (RFC 4013 §2.2); SASLprep's mappings and prohibited
    /// characters are not applied, so a password with non-ASCII spaces or controls may not match other implementations.
    /// </param>
    /// <param name="salt">The user's salt.</param>
    /// <param name="iterations">The iteration count.</param>
    public static byte[] SaltedPassword(string password, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, KeyLength);

    /// <summary><c>ClientKey = HMAC(SaltedPassword, "Client Key")</c>.</summary>
    public static byte[] ClientKey(byte[] saltedPassword) => HMACSHA256.HashData(saltedPassword, "Client Key"u8);

    /// <summary><c>StoredKey = H(ClientKey)</c>: what a server keeps to check a client's proof.</summary>
    public static byte[] StoredKey(byte[] clientKey) => SHA256.HashData(clientKey);

    /// <summary><c>ServerKey = HMAC(SaltedPassword, "Server Key")</c>: what a server keeps to prove itself.</summary>
    public static byte[] ServerKey(byte[] saltedPassword) => HMACSHA256.HashData(saltedPassword, "Server Key"u8);

    /// <summary><c>HMAC(key, AuthMessage)</c>: the client's signature with the stored key, the server's with the server key.</summary>
    public static byte[] Signature(byte[] key, string authMessage) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(authMessage));

    /// <summary><c>ClientKey XOR ClientSignature</c>: the client's proof; the same operation takes the key back out of a proof.</summary>
    public static byte[] Xor(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        byte[] result = new byte[left.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(left[i] ^ right[i]);
        }

        return result;
    }

    /// <summary>A user name as a SCRAM message carries it (RFC 5802 §5.1): ',' as <c>=2C</c>, '=' as <c>=3D</c>.</summary>
    public static string EncodeName(string name) => name.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    /// <summary>A user name read back from a SCRAM message, in one pass; null when it holds '=' not followed by 2C or 3D.</summary>
    public static string? DecodeName(string encoded)
    {
        var decoded = new System.Text.StringBuilder(encoded.Length);
        for (int i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '=')
            {
                decoded.Append(encoded[i]);
            }
            else if (string.CompareOrdinal(encoded, i, "=2C", 0, 3) == 0 || string.CompareOrdinal(encoded, i, "=3D", 0, 3) == 0)
            {
                decoded.Append(encoded[i + 1] == '2' ? ',' : '=');
                i += 2;
            }
            else
            {
                return null;
            }
        }

        return decoded.ToString();
    }

    /// <summary>The value of the attribute <paramref name="name"/> (<c>r</c> in <c>r=abc</c>) among a message's comma-separated attributes; null when absent.</summary>
    public static string? Attribute(string message, char name)
    {
        foreach (string attribute in message.Split(','))
        {
            if (attribute.Length >= 2 && attribute[0] == name && attribute[1] == '=')
            {
                return attribute[2..];
            }
        }

        return null;
    }

    /// <summary>A nonce of printable characters but ',' (RFC 5802 §5.1): 24 random octets in base64.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
