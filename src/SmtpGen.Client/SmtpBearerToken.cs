namespace SmtpGen.Client;

/// <summary>An OAuth 2.0 bearer token for a user, which the client sends with XOAUTH2.</summary>
/// <param name="UserName">The user, usually a mail address.</param>
/// <param name="Token">The access token.</param>
public sealed record SmtpBearerToken(string UserName, string Token)
{
    /// <summary>Leaves the token out, so that logs do not show it.</summary>
    /// <returns>The user name and a mask.</returns>
    public override string ToString() => $"{UserName} (token hidden)";
}
