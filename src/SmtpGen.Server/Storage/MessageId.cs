using System.Text;
using SmtpGen.Captures;

namespace SmtpGen.Server;

/// <summary>
/// The id a store gives a message (<see cref="IMessageWriter.Id"/>) as the server's 250 to the end of the data carries it:
/// <c>250 2.0.0 OK: queued as ID</c>.
/// </summary>
internal static class MessageId
{
    /// <summary>
    /// The longest id in octets of UTF-8: with <c>250 2.0.0 OK: queued as </c> and CRLF it leaves the reply line well within
    /// its 512 octets.
    /// </summary>
    public const int MaxLength = 200;

    /// <summary>Whether a reply can carry <paramref name="id"/>: one to <see cref="MaxLength"/> octets of <c>1*VCHAR</c> or UTF-8.</summary>
    public static bool IsValid(string id) => Encode(id, stackalloc byte[MaxLength]) > 0;

    /// <summary>Writes the id as UTF-8 into <paramref name="destination"/>, of <see cref="MaxLength"/> octets, if a reply can carry it.</summary>
    /// <returns>The octets written, or 0 when a reply cannot carry the id.</returns>
    public static int Encode(string id, Span<byte> destination)
    {
        if (!Encoding.UTF8.TryGetBytes(id, destination, out int length))
        {
            return 0;
        }

        int position = 0;
        return Printable.TryScan(destination[..length], ref position, out _) && position == length ? length : 0;
    }
}
