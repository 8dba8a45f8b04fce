using System.Buffers;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

public sealed partial class SmtpClient
{
    /// <summary>
    /// Sends one command that a definition extending SMTP adds (XCLIENT, XFORWARD), written by that definition's
    /// generated writer, and reads the reply, whatever its code: what it means is the extension's to say.
    /// </summary>
    /// <example>
    /// <code>
    /// SmtpReply reply = await client.SendCommandAsync("XCLIENT", output =&gt;
    /// {
    ///     EsmtpParameters.TryCreate(attributes, out EsmtpParameters parsed);
    ///     XclientProtocol.WriteXclient(output, parsed);
    /// });
    /// </code>
    /// </example>
    /// <param name="name">The command's name, for error messages and timeouts, e.g. <c>"XCLIENT"</c>.</param>
    /// <param name="write">Writes the command line, CRLF included, e.g. with a generated <c>Write{Command}</c>.</param>
    /// <param name="cancellationToken">Cancels the exchange; the connection cannot be used after that (a token cancelled before the call sends nothing, and the connection stays usable).</param>
    /// <returns>The server's reply.</returns>
    /// <exception cref="ArgumentException">The writer wrote nothing, or more than a command line; nothing was sent.</exception>
    /// <exception cref="SmtpCommandException">The server answered 421 and is closing the connection.</exception>
    /// <exception cref="SmtpProtocolException">The server sent a malformed reply or closed the connection.</exception>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    public async Task<SmtpReply> SendCommandAsync(string name, Action<IBufferWriter<byte>> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            write(_channel.Commands);
            ReadOnlySpan<byte> line = _channel.Commands.WrittenSpan;
            if (line.Length is 0 or > SmtpProtocol.LongestCommandLine || !line.EndsWith("\r\n"u8) || line[..^2].IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                throw new ArgumentException($"The writer of {name} must write one command line ended by CRLF, of at most {SmtpProtocol.LongestCommandLine} octets.", nameof(write));
            }
        }
        catch
        {
            _channel.Commands.ResetWrittenCount();
            throw;
        }

        await _channel.SendCommandsAsync(_options.CommandTimeout, name, cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(_options.CommandTimeout, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Says hello again after the server started the session over (its 220 after XCLIENT, or STARTTLS): EHLO (or
    /// HELO, or LMTP's LHLO, as at connection), which also reads the extensions anew.
    /// </summary>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>A task that completes when the server has answered the hello.</returns>
    /// <exception cref="SmtpCommandException">The server refused the hello.</exception>
    public Task HelloAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : SayHelloAsync(Encoding.UTF8.GetBytes(_options.ClientDomain), cancellationToken);
}
