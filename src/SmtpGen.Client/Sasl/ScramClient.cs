using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Client;

/// <summary>
/// SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: the password never crosses the wire, and the server
/// must prove that it holds the user's verifier before the client trusts its 235.
/// </summary>
internal sealed class ScramClient(NetworkCredential credentials) : SaslClient(SaslMechanisms.ScramSha256)
{
    /// <summary>
    /// The most iterations the client computes: a server (or whoever sits between) that asks for more could hold the
    /// client in PBKDF2 for hours. 600,000 is the most current advice asks of a stored password (OWASP, 2023).
    /// </summary>
    public const int MaxIterations = 600_000;

    private readonly string _clientNonce = Scram.NewNonce();
    private string _clientFirstBare = "";
    private byte[]? _expectedServerSignature;
    private bool _serverVerified;

    public override bool SendsSecretInTheClear => false;

    public override byte[]? InitialResponse()
    {
        _clientFirstBare = $"n={Scram.EncodeName(credentials.UserName)},r={_clientNonce}";
        return Encoding.UTF8.GetBytes(Scram.Gs2Header + _clientFirstBare);
    }

    public override byte[] Respond(byte[] challenge)
    {
        if (_serverVerified)
        {
            throw AskedAgain();
        }

        string message = Encoding.UTF8.GetString(challenge);
        if (_expectedServerSignature is not null)
        {
            // server-final-message: v=ServerSignature, which shows the server holds the verifier.
            byte[] signature = DecodeBase64(Scram.Attribute(message, 'v') ?? throw Refuse("no server signature"));
            _serverVerified = CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature);
            return _serverVerified ? [] : throw Refuse("the server's signature is wrong: it does not hold this user's verifier");
        }

        // server-first-message: r=nonce,s=salt,i=iterations; the nonce must extend the client's.
        string nonce = Scram.Attribute(message, 'r') ?? throw Refuse("no nonce");
        string salt = Scram.Attribute(message, 's') ?? throw Refuse("no salt");
        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length
            || !int.TryParse(Scram.Attribute(message, 'i'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int iterations)
            || iterations is < Scram.MinIterations or > MaxIterations)
        {
            throw Refuse("the server's first message is not valid (a nonce that extends the client's, 4,096 to 600,000 iterations)");
        }

        byte[] saltedPassword = Scram.SaltedPassword(credentials.Password, DecodeBase64(salt), iterations);
        string withoutProof = $"c={Convert.ToBase64String(Encoding.UTF8.GetBytes(Scram.Gs2Header))},r={nonce}";
        string authMessage = $"{_clientFirstBare},{message},{withoutProof}";
        byte[] clientKey = Scram.ClientKey(saltedPassword);
        byte[] proof = Scram.Xor(clientKey, Scram.Signature(Scram.StoredKey(clientKey), authMessage));
        _expectedServerSignature = Scram.Signature(Scram.ServerKey(saltedPassword), authMessage);
        return Encoding.UTF8.GetBytes($"{withoutProof},p={Convert.ToBase64String(proof)}");
    }

    public override void Complete()
    {
        if (!_serverVerified)
        {
            throw Refuse("the server said 235 without proving that it holds this user's verifier");
        }
    }

    private static AuthenticationException Refuse(string reason) => new($"SCRAM-SHA-256: {reason}.");

    private static byte[] DecodeBase64(string text) => StrictBase64.Decode(text) ?? throw Refuse("a value is not base64");
}
