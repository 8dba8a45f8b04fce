namespace SmtpGen.Client;

/// <summary>Whether an <see cref="SmtpClient"/> secures the conversation with STARTTLS (RFC 3207).</summary>
public enum StartTlsMode
{
    /// <summary>STARTTLS when the server offers it; in plaintext when it does not, or answers STARTTLS with a refusal.</summary>
    Opportunistic,

    /// <summary>STARTTLS, or no conversation: a server that does not offer it, or refuses it, ends the connection.</summary>
    Required,

    /// <summary>Never STARTTLS, even when the server offers it.</summary>
    Never,
}
