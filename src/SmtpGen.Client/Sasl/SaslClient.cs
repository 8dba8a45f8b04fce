using System.Net;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Client;

/// <summary>The client's side of one SASL exchange (RFC 4422) under AUTH: messages out, the server's challenges in.</summary>
internal abstract class SaslClient
{
    protected SaslClient(string mechanism) => Mechanism = mechanism;

    /// <summary>The mechanism's name, as AUTH gives it.</summary>
    public string Mechanism { get; }

    /// <summary>Whether the mechanism sends a password, or a token, that anyone on the path could read.</summary>
    public virtual bool SendsSecretInTheClear => true;

    /// <summary>The client's first message, sent with AUTH (or as the answer to the first challenge); null when the server speaks first.</summary>
    public abstract byte[]? InitialResponse();

    /// <summary>The response to a challenge (one that comes after the initial response, when the mechanism has one).</summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">
    /// The challenge is not what the mechanism expects, the server failed to prove itself, or the mechanism has said all
    /// it has to say (a server that asks on would keep the client answering for ever).
    /// </exception>
    public abstract byte[] Respond(byte[] challenge);

    /// <summary>Checks, after 235, that the exchange ended where the mechanism ends: SCRAM's server must have proved itself.</summary>
    public virtual void Complete()
    {
    }

    /// <summary>The strongest mechanism of those the server offers that the credentials and the connection allow; null when none.</summary>
    /// <param name="offered">The mechanisms of the server's AUTH line.</param>
    /// <param name="credentials">A user name and password, or null.</param>
    /// <param name="bearerToken">An OAuth 2.0 token, or null.</param>
    /// <param name="inTheClear">Whether the secret may cross without TLS.</param>
    public static SaslClient? Choose(IReadOnlyCollection<string> offered, NetworkCredential? credentials, SmtpBearerToken? bearerToken, bool inTheClear)
    {
        SaslClient?[] candidates =
        [
            bearerToken is null ? null : new XOAuth2Client(bearerToken),
            credentials is null ? null : new ScramClient(credentials),
            credentials is null ? null : new PlainClient(credentials),
            credentials is null ? null : new LoginClient(credentials),
        ];
        foreach (SaslClient? candidate in candidates)
        {
            if (candidate is not null && offered.Contains(candidate.Mechanism, StringComparer.OrdinalIgnoreCase) && (inTheClear || !candidate.SendsSecretInTheClear))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The refusal of a challenge after the mechanism's last message.</summary>
    protected System.Security.Authentication.AuthenticationException AskedAgain() =>
        new($"{Mechanism}: the server asks for more after the mechanism's last message.");
}

/// <summary>PLAIN (RFC 4616): <c>NUL user NUL password</c>, in one message.</summary>
internal sealed class PlainClient(NetworkCredential credentials) : SaslClient(SaslMechanisms.Plain)
{
    public override byte[]? InitialResponse() => System.Text.Encoding.UTF8.GetBytes($"\0{credentials.UserName}\0{credentials.Password}");

    /// <summary>PLAIN's one message is its initial response: a challenge after it asks for what there is not.</summary>
    public override byte[] Respond(byte[] challenge) => throw AskedAgain();
}

/// <summary>LOGIN: the user name, then the password, each an answer to a prompt.</summary>
internal sealed class LoginClient(NetworkCredential credentials) : SaslClient(SaslMechanisms.Login)
{
    private int _step;

    public override byte[]? InitialResponse() => null;

    public override byte[] Respond(byte[] challenge) => _step++ switch
    {
        0 => System.Text.Encoding.UTF8.GetBytes(credentials.UserName),
        1 => System.Text.Encoding.UTF8.GetBytes(credentials.Password),
        _ => throw AskedAgain(),
    };
}

/// <summary>XOAUTH2: <c>user=NAME ^A auth=Bearer TOKEN ^A ^A</c>; a server that refuses sends its error as a challenge, answered with nothing.</summary>
internal sealed class XOAuth2Client(SmtpBearerToken token) : SaslClient(SaslMechanisms.XOAuth2)
{
    private bool _errorAnswered;

    public override byte[]? InitialResponse() => System.Text.Encoding.UTF8.GetBytes($"user={token.UserName}\u0001auth=Bearer {token.Token}\u0001\u0001");

    /// <summary>The one challenge after the token is the server's error, answered with nothing; it then refuses with its 5yz.</summary>
    public override byte[] Respond(byte[] challenge)
    {
        if (_errorAnswered)
        {
            throw AskedAgain();
        }

        _errorAnswered = true;
        return [];
    }
}
