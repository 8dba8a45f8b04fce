using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Server;

/// <summary>
/// The server's side of one SASL exchange (RFC 4422) under AUTH: the client's responses in, decoded from base64, and
/// challenges out. The mechanisms here begin with the client's message, given with AUTH or after an empty challenge;
/// LOGIN, which begins with the server's, overrides <see cref="StartAsync"/>.
/// </summary>
internal abstract class SaslExchange
{
    /// <summary>The exchange of a mechanism the settings offer; null for another.</summary>
    public static SaslExchange? Create(string mechanism, SmtpAuthenticationOptions options) => mechanism switch
    {
        SaslMechanisms.ScramSha256 when options.Users is { } users => new ScramExchange(users),
        SaslMechanisms.Plain when PasswordCheck(options) is { } check => new PlainExchange(check),
        SaslMechanisms.Login when PasswordCheck(options) is { } check => new LoginExchange(check),
        SaslMechanisms.XOAuth2 when options.ValidateBearerToken is { } validator => new XOAuth2Exchange(validator),
        _ => null,
    };

    /// <summary>The user the client named, once the exchange has read the name; null before (or when it sent none that could be read). For the log.</summary>
    public string? UserName { get; protected set; }

    /// <summary>The first step, with AUTH's initial response (null when it had none: the client's message follows an empty challenge).</summary>
    public virtual ValueTask<SaslStep> StartAsync(byte[]? initialResponse, CancellationToken cancellationToken) =>
        initialResponse is null ? ValueTask.FromResult(SaslStep.Continue([])) : ContinueAsync(initialResponse, cancellationToken);

    /// <summary>The next step, after the client's response to the last challenge.</summary>
    public abstract ValueTask<SaslStep> ContinueAsync(byte[] response, CancellationToken cancellationToken);

    /// <summary>What checks the passwords of PLAIN and LOGIN: the settings' validator, or the user store's verifiers; null for neither.</summary>
    private static PasswordValidator? PasswordCheck(SmtpAuthenticationOptions options) =>
        options.ValidatePassword ?? (options.Users is { } users ? (userName, password, cancellationToken) => VerifyAsync(users, userName, password, cancellationToken) : null);

    /// <summary>
    /// Checks a password sent in the clear (PLAIN, LOGIN). An empty user name is no user, and an empty password fails
    /// without asking: a validator that binds to LDAP with it would succeed as an anonymous bind (RFC 4513 §5.1.2).
    /// </summary>
    protected async ValueTask<SaslStep> CheckPasswordAsync(PasswordValidator check, string userName, string password, CancellationToken cancellationToken)
    {
        UserName = userName;
        return userName.Length > 0 && password.Length > 0 && await check(userName, password, cancellationToken).ConfigureAwait(false)
            ? SaslStep.Succeeded(userName)
            : SaslStep.Failed;
    }

    /// <summary>Checks a password against the user's verifier in the store.</summary>
    private static async ValueTask<bool> VerifyAsync(SmtpUserStore users, string userName, string password, CancellationToken cancellationToken)
    {
        ScramCredential? credential = await users.FindAsync(userName, cancellationToken).ConfigureAwait(false);

        // An unknown user costs the work of a known one with the default iteration count, so that timing does not tell
        // which names exist (a user with more iterations takes longer, and so stands out).
        return (credential ?? UnknownUser.Value).Verifies(password) && credential is not null;
    }

    /// <summary>Decodes UTF-8 that must be well formed.</summary>
    protected static bool TryDecode(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out string? text)
    {
        text = Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;
        return text is not null;
    }

    /// <summary>A verifier that matches no password, checked in place of an unknown user's.</summary>
    private static readonly Lazy<ScramCredential> UnknownUser = new(() => ScramCredential.Create(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
}
