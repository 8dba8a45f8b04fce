namespace SmtpGen.Server;

/// <summary>
/// XOAUTH2 (Google's and Microsoft's): one message, <c>user=NAME ^A auth=Bearer TOKEN ^A ^A</c>, whose token the
/// settings' validator checks.
/// </summary>
internal sealed class XOAuth2Exchange(BearerTokenValidator validator) : SaslExchange
{
    private const string UserPrefix = "user=";
    private const string TokenPrefix = "auth=Bearer ";

    public override async ValueTask<SaslStep> ContinueAsync(byte[] response, CancellationToken cancellationToken)
    {
        if (!TryDecode(response, out string? message))
        {
            return SaslStep.Failed;
        }

        string[] parts = message.Split('\u0001');
        if (parts is not [{ } user, { } auth, "", ""]
            || !user.StartsWith(UserPrefix, StringComparison.Ordinal) || !auth.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || user.Length == UserPrefix.Length || auth.Length == TokenPrefix.Length)
        {
            return SaslStep.Failed;
        }

        string userName = UserName = user[UserPrefix.Length..];
        return await validator(userName, auth[TokenPrefix.Length..], cancellationToken).ConfigureAwait(false) ? SaslStep.Succeeded(userName) : SaslStep.Failed;
    }
}
