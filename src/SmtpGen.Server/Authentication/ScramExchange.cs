using System.Security.Cryptography;
using System.Text;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Server;

/// <summary>
/// SCRAM-SHA-256 (RFC 5802 §5, RFC 7677) without channel binding: the client's first message, the server's (nonce,
/// salt, iterations), the client's proof, then the server's signature as a last challenge, which the client answers
/// with an empty response (RFC 4954 carries no data with 235). An unknown user is refused at the proof, as a wrong
/// password is, with a salt that does not change between attempts of one server's life and the default iteration count:
/// the exchange does not tell which names exist, unless the server restarts between two looks or a user's iteration
/// count is not the default.
/// </summary>
internal sealed class ScramExchange(SmtpUserStore users) : SaslExchange
{
    /// <summary>Derives the salts of unknown users, for the life of the process.</summary>
    private static readonly byte[] UnknownUserSecret = RandomNumberGenerator.GetBytes(32);

    private Stage _stage = Stage.ClientFirst;
    private string _gs2Header = "";
    private string _clientFirstBare = "";
    private string _serverFirst = "";
    private string _nonce = "";
    private ScramCredential? _credential;

    private enum Stage
    {
        ClientFirst,
        ClientFinal,
        Acknowledgement,
    }

    public override async ValueTask<SaslStep> ContinueAsync(byte[] response, CancellationToken cancellationToken)
    {
        if (!TryDecode(response, out string? message))
        {
            return SaslStep.Failed;
        }

        switch (_stage)
        {
            case Stage.ClientFirst:
                return await ReadClientFirstAsync(message, cancellationToken).ConfigureAwait(false);
            case Stage.ClientFinal:
                return ReadClientFinal(message);
            default:
                // The client has checked the server's signature; anything but an empty response ends it.
                return message.Length == 0 ? SaslStep.Succeeded(UserName!) : SaslStep.Failed;
        }
    }

    /// <summary><c>gs2-header client-first-message-bare</c>: <c>n,,n=user,r=nonce</c>.</summary>
    private async ValueTask<SaslStep> ReadClientFirstAsync(string message, CancellationToken cancellationToken)
    {
        // "n": no channel binding; "y": the client could, and thinks the server cannot. "p=" asks for it: not offered.
        int headerEnd = message.Length > 2 && message[0] is 'n' or 'y' && message[1] == ',' ? message.IndexOf(',', 2) : -1;
        if (headerEnd < 0)
        {
            return SaslStep.Failed;
        }

        _gs2Header = message[..(headerEnd + 1)];
        _clientFirstBare = message[(headerEnd + 1)..];
        string? authorizationId = message[2..headerEnd] is { Length: > 0 } a ? (a.StartsWith("a=", StringComparison.Ordinal) ? Scram.DecodeName(a[2..]) : null) : "";
        string? userName = Scram.Attribute(_clientFirstBare, 'n') is { } encoded ? Scram.DecodeName(encoded) : null;
        string? clientNonce = Scram.Attribute(_clientFirstBare, 'r');
        if (authorizationId is null || userName is not { Length: > 0 } || clientNonce is not { Length: > 0 } || !_clientFirstBare.StartsWith("n=", StringComparison.Ordinal)
            || (authorizationId.Length > 0 && authorizationId != userName))
        {
            return SaslStep.Failed;
        }

        UserName = userName;
        _credential = await users.FindAsync(userName, cancellationToken).ConfigureAwait(false);
        ReadOnlySpan<byte> salt = _credential is { } known ? known.Salt : HMACSHA256.HashData(UnknownUserSecret, Encoding.UTF8.GetBytes(userName)).AsSpan(0, 16);
        int iterations = _credential?.Iterations ?? Scram.MinIterations;
        _nonce = clientNonce + Scram.NewNonce();
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(salt)},i={iterations}";
        _stage = Stage.ClientFinal;
        return SaslStep.Continue(Encoding.UTF8.GetBytes(_serverFirst));
    }

    /// <summary><c>c=channel-binding,r=nonce,p=proof</c>: the proof checked against the stored key.</summary>
    private SaslStep ReadClientFinal(string message)
    {
        int proofAt = message.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0)
        {
            return SaslStep.Failed;
        }

        string withoutProof = message[..proofAt];
        byte[] proof = new byte[Scram.KeyLength];
        if (!Convert.TryFromBase64String(message[(proofAt + 3)..], proof, out int proofLength) || proofLength != Scram.KeyLength
            || Scram.Attribute(withoutProof, 'c') != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header))
            || Scram.Attribute(withoutProof, 'r') != _nonce
            || _credential is null)
        {
            return SaslStep.Failed;
        }

        string authMessage = $"{_clientFirstBare},{_serverFirst},{withoutProof}";
        if (!_credential.VerifiesProof(proof, authMessage))
        {
            return SaslStep.Failed;
        }

        _stage = Stage.Acknowledgement;
        return SaslStep.Continue(Encoding.UTF8.GetBytes("v=" + Convert.ToBase64String(_credential.ServerSignature(authMessage))));
    }
}
