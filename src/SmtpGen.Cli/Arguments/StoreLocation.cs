using System.CommandLine;

namespace SmtpGen.Cli;

/// <summary>
/// Where <c>smtpgen serve</c> keeps messages: a Maildir folder, or a NATS JetStream stream named by a URL,
/// <c>nats://HOST:PORT/STREAM</c>.
/// </summary>
/// <param name="Maildir">The Maildir folder; null for a stream.</param>
/// <param name="NatsServer">The NATS server's URL without the stream (<c>nats://127.0.0.1:4222</c>); null for a folder.</param>
/// <param name="Stream">The stream's name; null for a folder.</param>
internal sealed record StoreLocation(string? Maildir, string? NatsServer, string? Stream)
{
    /// <summary>The URL scheme that names a stream.</summary>
    private const string NatsScheme = "nats://";

    /// <summary>The option: a folder (made when missing) or a stream.</summary>
    public static Option<StoreLocation> Option(string name, string description, string defaultFolder) =>
        CheckedOption.Create(
            name, "FOLDER|nats://HOST:PORT/STREAM", description, "a folder or a path to make one at, or nats://HOST:PORT/STREAM",
            (string text, out StoreLocation value) => TryParse(text, out value),
            () => new StoreLocation(defaultFolder, null, null));

    /// <summary>The location as the command line gives it, for help's default.</summary>
    public override string ToString() => Maildir ?? $"{NatsServer}/{Stream}";

    /// <summary>Reads a folder, or a NATS URL whose path is one stream name (letters, digits, <c>-</c> and <c>_</c>).</summary>
    public static bool TryParse(string text, out StoreLocation value)
    {
        value = new StoreLocation(text, null, null);
        if (!text.StartsWith(NatsScheme, StringComparison.OrdinalIgnoreCase))
        {
            return text.Length > 0 && !File.Exists(text) && text.IndexOfAny(Path.GetInvalidPathChars()) < 0;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Port <= 0 || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            return false;
        }

        string stream = url.AbsolutePath.TrimStart('/');
        value = new StoreLocation(null, $"{NatsScheme}{url.Authority}", stream);
        return stream.Length > 0 && stream.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }
}
