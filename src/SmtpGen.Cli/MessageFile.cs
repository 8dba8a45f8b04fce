namespace SmtpGen.Cli;

/// <summary>
/// The message of <c>smtpgen send --file</c>: a file's octets, or standard input's for <c>-</c>. It is read whole
/// before connecting, so a file that cannot be read fails before the server is bothered, and the client knows the
/// message's size (RFC 1870's SIZE) and whether it holds 8-bit octets.
/// </summary>
internal static class MessageFile
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(string path, Stream standardInput, CancellationToken cancellationToken)
    {
        if (path != PathOptions.StandardInput)
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }

        using var message = new MemoryStream();
        await standardInput.CopyToAsync(message, cancellationToken);
        return message.GetBuffer().AsMemory(0, (int)message.Length);
    }
}
