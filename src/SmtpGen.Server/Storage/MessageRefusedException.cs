namespace SmtpGen.Server;

/// <summary>
/// Thrown by a store or its writer to refuse a message with a reply of its own: a virus found in its octets, a recipient's
/// quota, a content filter's verdict. The server answers with <see cref="Response"/> the end of the data, or the chunk
/// (BDAT) it came in, or DATA itself when thrown from <see cref="IMessageStore.BeginAsync"/> or from the first write (the
/// trace headers, written before the 354 unless <see cref="SmtpServerOptions.AddTraceHeaders"/> is off); it logs it as
/// a refusal, not as a failure of the store, and keeps nothing of the message; over LMTP every recipient gets it. A 421
/// ends the session, as it says. Refused at DATA, the transaction stays open, as after any refused DATA (the client may
/// RSET); refused at its end, the transaction is over.
/// </summary>
public sealed class MessageRefusedException : Exception
{
    /// <summary>Refuses the message with <paramref name="response"/>.</summary>
    /// <param name="response">A 4yz or 5yz reply, e.g. <c>SmtpResponse.Refuse(554, "5.7.1", "Message rejected as spam")</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="response"/> is no refusal.</exception>
    public MessageRefusedException(SmtpResponse response)
        : base($"The store refused the message: {response}")
    {
        if (response.Code.Value < 400)
        {
            throw new ArgumentException($"'{response}' is no refusal: a 4yz or 5yz reply refuses a message.", nameof(response));
        }

        Response = response;
    }

    /// <summary>The reply the client gets.</summary>
    public SmtpResponse Response { get; }
}
