namespace SmtpGen.Smtp.Sasl;

/// <summary>The SASL mechanisms SmtpGen's server and client speak, by the names AUTH gives them (RFC 4954).</summary>
public static class SaslMechanisms
{
    /// <summary>RFC 7677: a salted challenge and response; the password never crosses the wire and the server keeps only a verifier.</summary>
    public const string ScramSha256 = "SCRAM-SHA-256";

    /// <summary>RFC 4616: the user name and password in one message, in the clear: only over TLS.</summary>
    public const string Plain = "PLAIN";

    /// <summary>The user name and password in two responses, in the clear: only over TLS (no RFC; every client knows it).</summary>
    public const string Login = "LOGIN";

    /// <summary>An OAuth 2.0 bearer token (Google's and Microsoft's XOAUTH2), in the clear: only over TLS.</summary>
    public const string XOAuth2 = "XOAUTH2";
}
