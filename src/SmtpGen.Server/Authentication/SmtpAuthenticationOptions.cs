namespace SmtpGen.Server;

/// <summary>
/// Checks an OAuth 2.0 bearer token that a client sent with XOAUTH2.
/// </summary>
/// <param name="userName">The user the client names.</param>
/// <param name="token">The bearer token.</param>
/// <param name="cancellationToken">Cancelled when the check has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only.</param>
/// <returns>Whether the token is valid for that user.</returns>
public delegate ValueTask<bool> BearerTokenValidator(string userName, string token, CancellationToken cancellationToken);

/// <summary>
/// Checks a user name and a password that a client sent with PLAIN or LOGIN: against a directory, a database, another
/// service's login.
/// </summary>
/// <param name="userName">The user the client names; never empty.</param>
/// <param name="password">The password, as the client sent it; never empty (an empty one fails without asking, since a bind to LDAP with it is anonymous and succeeds).</param>
/// <param name="cancellationToken">Cancelled when the check has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only.</param>
/// <returns>Whether the password is that user's.</returns>
public delegate ValueTask<bool> PasswordValidator(string userName, string password, CancellationToken cancellationToken);

/// <summary>
/// AUTH (RFC 4954): who may authenticate and how. A server with these settings offers SCRAM-SHA-256, PLAIN and LOGIN
/// for the <see cref="Users"/>, or PLAIN and LOGIN through <see cref="ValidatePassword"/>, and XOAUTH2 through
/// <see cref="ValidateBearerToken"/>; there is no default that accepts anyone, so one of them must be given.
/// </summary>
public sealed class SmtpAuthenticationOptions
{
    /// <summary>The users, by the verifiers of their passwords: SCRAM-SHA-256, PLAIN and LOGIN are offered with them.</summary>
    public SmtpUserStore? Users { get; set; }

    /// <summary>
    /// Checks the passwords of PLAIN and LOGIN, which are offered with it, where the passwords are kept elsewhere than in
    /// verifiers the server can read (SCRAM-SHA-256 needs those, <see cref="Users"/>). One source of passwords: not with
    /// <see cref="Users"/>. The validator answers in its own time; say how long the client waits after a wrong one with
    /// <see cref="FailureDelay"/>, not in the validator.
    /// </summary>
    public PasswordValidator? ValidatePassword { get; set; }

    /// <summary>Checks the bearer tokens of XOAUTH2, which is offered with it.</summary>
    public BearerTokenValidator? ValidateBearerToken { get; set; }

    /// <summary>
    /// Whether AUTH is offered without TLS too. RFC 4954 §4 asks that passwords do not cross the network in the clear:
    /// leave this false but for tests. Default: false, so AUTH needs a <see cref="SmtpServerOptions.Certificate"/>.
    /// </summary>
    public bool AllowInsecureAuth { get; set; }

    /// <summary>Whether MAIL needs an authenticated client (530 5.7.0 otherwise), as a submission server's does (RFC 6409 §4.3). Default: false.</summary>
    public bool Required { get; set; }

    /// <summary>
    /// How many failed attempts a session may make; after the last one the server says 421 and closes. Default: 5, above
    /// the three password mechanisms offered with <see cref="Users"/>: a client that tries each in turn with a wrong
    /// password (MailKit does) hears 535, not 421, and reports the password as wrong.
    /// </summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>
    /// How long the server waits before it answers a failed attempt with 535, times the number of failures so far. Default:
    /// 1 second. A wait beyond 49.7 days lasts until the server stops.
    /// </summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The mechanisms these settings offer, strongest first, as AUTH's line in the reply to EHLO names them.</summary>
    public IReadOnlyList<string> Mechanisms =>
        [.. Users is null ? [] : (string[])[Smtp.Sasl.SaslMechanisms.ScramSha256],
         .. Users is null && ValidatePassword is null ? [] : (string[])[Smtp.Sasl.SaslMechanisms.Plain, Smtp.Sasl.SaslMechanisms.Login],
         .. ValidateBearerToken is null ? [] : (string[])[Smtp.Sasl.SaslMechanisms.XOAuth2]];

    /// <summary>A copy of these settings, for a listener to keep with its own (<see cref="SmtpServerOptions"/>'s copy).</summary>
    internal SmtpAuthenticationOptions Copy() => (SmtpAuthenticationOptions)MemberwiseClone();

    /// <summary>The first setting that cannot work, told in one line that names it; null when every one can.</summary>
    /// <param name="tls">Whether the server has a certificate for TLS.</param>
    internal SettingMistake? FindMistake(bool tls) =>
        Users is null && ValidatePassword is null && ValidateBearerToken is null
            ? SettingMistake.Invalid(nameof(SmtpServerOptions.Authentication), "is on, with neither a user store (Users), a password validator (ValidatePassword) nor a token validator (ValidateBearerToken): nobody could authenticate")
        : Users is not null && ValidatePassword is not null
            ? SettingMistake.Invalid(nameof(SmtpServerOptions.Authentication), "has two sources of passwords, a user store (Users) and a password validator (ValidatePassword): give one")
        : !tls && !AllowInsecureAuth
            ? SettingMistake.Invalid(nameof(SmtpServerOptions.Authentication), "is offered only over TLS, and the server has no certificate: set one, or AllowInsecureAuth for a test bed")
        : SettingMistake.AtLeast($"{nameof(SmtpServerOptions.Authentication)}.{nameof(MaxFailures)}", MaxFailures, 1)
            ?? SettingMistake.NotNegative($"{nameof(SmtpServerOptions.Authentication)}.{nameof(FailureDelay)}", FailureDelay);
}
