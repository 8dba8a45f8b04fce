using System.Security.Authentication;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

public sealed partial class SmtpClient
{
    /// <summary>
    /// AUTH (RFC 4954): the strongest mechanism both sides allow, the initial response with AUTH when the line stays
    /// within 512 octets (§4), otherwise as the answer to the first 334, then a response to each 334 challenge until
    /// 235, as many as the mechanism has messages: one more is cancelled with <c>*</c>. The transcript shows no secret.
    /// </summary>
    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> offered = Capabilities.AuthMechanisms;
        SaslClient sasl = SaslClient.Choose(offered, _options.Credentials, _options.BearerToken, inTheClear: IsSecure || _options.AllowInsecureAuth)
            ?? throw new AuthenticationException(offered.Count == 0
                ? "The server does not offer AUTH."
                : $"The server offers AUTH with {string.Join(' ', offered)}: none the client can use{(IsSecure ? "" : " without TLS")} with the credentials it has.");

        byte[]? initial = sasl.InitialResponse();
        string? encoded = initial is null ? null : Encode(initial);
        bool withInitial = encoded is not null && "AUTH ".Length + sasl.Mechanism.Length + 1 + encoded.Length + 2 <= SmtpProtocol.MaxCommandLine;
        SmtpProtocol.WriteAuth(_channel.Commands, Encoding.ASCII.GetBytes(sasl.Mechanism), withInitial ? Encoding.ASCII.GetBytes(encoded!) : default);
        await _channel.SendSecretAsync(withInitial ? $"AUTH {sasl.Mechanism} [initial response]" : $"AUTH {sasl.Mechanism}", _options.CommandTimeout, "AUTH", cancellationToken).ConfigureAwait(false);
        SmtpReply reply = await ReadReplyAsync(_options.CommandTimeout, "AUTH", cancellationToken).ConfigureAwait(false);
        bool initialDue = !withInitial && initial is not null;
        while (reply.Code == 334)
        {
            byte[] response;
            try
            {
                // RFC 4954 §4: the challenge to a client that did not send its initial response with AUTH is empty;
                // whatever it holds (some servers write text there), that response is what is due.
                response = initialDue ? initial! : sasl.Respond(Decode(reply));
                initialDue = false;
            }
            catch (Exception exception) when (exception is AuthenticationException or FormatException)
            {
                // RFC 4954 §4: a client that cannot go on cancels with "*".
                await RespondAsync("*", "*", cancellationToken).ConfigureAwait(false);
                if (exception is AuthenticationException)
                {
                    throw;
                }

                throw new SmtpProtocolException($"The server's AUTH challenge is not base64: {reply}");
            }

            reply = await RespondAsync(response.Length == 0 ? "" : Convert.ToBase64String(response), "[response]", cancellationToken).ConfigureAwait(false);
        }

        if (reply.Code != 235)
        {
            throw new SmtpCommandException("AUTH", reply);
        }

        sasl.Complete();
    }

    /// <summary>Sends one response line of the exchange and reads the reply to it.</summary>
    private async Task<SmtpReply> RespondAsync(string line, string shown, CancellationToken cancellationToken)
    {
        Encoding.ASCII.GetBytes(line + "\r\n", _channel.Commands);
        await _channel.SendSecretAsync(shown, _options.CommandTimeout, "AUTH", cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(_options.CommandTimeout, "AUTH", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 4954 §4: a message in base64, and one of zero length as "=".</summary>
    private static string Encode(byte[] message) => message.Length == 0 ? "=" : Convert.ToBase64String(message);

    /// <summary>The challenge of a 334 reply, decoded from base64 as strictly as RFC 4954 §4 asks; "334 " is an empty one.</summary>
    /// <exception cref="FormatException">The challenge is not base64.</exception>
    private static byte[] Decode(SmtpReply reply) =>
        reply.Text.Length == 0 ? [] : StrictBase64.Decode(reply.Text) ?? throw new FormatException("The challenge is not base64.");
}
