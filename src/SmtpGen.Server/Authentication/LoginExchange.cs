namespace SmtpGen.Server;

/// <summary>
/// LOGIN: the server asks for the user name, then the password, each challenge a prompt in base64; a client may give
/// the user name with AUTH already.
/// </summary>
internal sealed class LoginExchange(PasswordValidator check) : SaslExchange
{
    public override ValueTask<SaslStep> StartAsync(byte[]? initialResponse, CancellationToken cancellationToken) =>
        initialResponse is null ? ValueTask.FromResult(SaslStep.Continue("Username:"u8.ToArray())) : ContinueAsync(initialResponse, cancellationToken);

    public override ValueTask<SaslStep> ContinueAsync(byte[] response, CancellationToken cancellationToken)
    {
        if (!TryDecode(response, out string? text))
        {
            return ValueTask.FromResult(SaslStep.Failed);
        }

        if (UserName is null)
        {
            UserName = text;
            return ValueTask.FromResult(SaslStep.Continue("Password:"u8.ToArray()));
        }

        return CheckPasswordAsync(check, UserName, text, cancellationToken);
    }
}
