namespace SmtpGen.Server;

/// <summary>PLAIN (RFC 4616): one message, <c>[authzid] NUL authcid NUL passwd</c>; an authzid other than the user is refused.</summary>
internal sealed class PlainExchange(PasswordValidator check) : SaslExchange
{
    public override ValueTask<SaslStep> ContinueAsync(byte[] response, CancellationToken cancellationToken)
    {
        ReadOnlySpan<byte> message = response;
        int first = message.IndexOf((byte)0);
        int second = first < 0 ? -1 : message[(first + 1)..].IndexOf((byte)0) + first + 1;
        if (second <= first || message[(second + 1)..].Contains((byte)0)
            || !TryDecode(message[..first], out string? authorizationId)
            || !TryDecode(message[(first + 1)..second], out string? userName)
            || !TryDecode(message[(second + 1)..], out string? password)
            || (authorizationId.Length > 0 && authorizationId != userName))
        {
            return ValueTask.FromResult(SaslStep.Failed);
        }

        return CheckPasswordAsync(check, userName, password, cancellationToken);
    }
}
