using System.CommandLine;
using SmtpGen.Server;
using SmtpGen.Server.Nats;

namespace SmtpGen.Cli;

/// <summary>
/// Where <c>smtpgen deliver</c> puts messages: a Maildir folder (<c>maildir:FOLDER</c>, or the folder alone), or an LMTP
/// server named by a URL, <c>lmtp://HOST:PORT</c>.
/// </summary>
/// <param name="Maildir">The Maildir folder; null for an LMTP server.</param>
/// <param name="LmtpHost">The LMTP server's name or address; null for a folder.</param>
/// <param name="LmtpPort">The LMTP server's port.</param>
internal sealed record DeliveryTargetLocation(string? Maildir, string? LmtpHost, int LmtpPort)
{
    private const string MaildirScheme = "maildir:";
    private const string LmtpScheme = "lmtp://";

    /// <summary>The option: a folder (made when missing) or an LMTP server.</summary>
    public static Option<DeliveryTargetLocation> Option(string name, string description, string defaultFolder) =>
        CheckedOption.Create(
            name, "maildir:FOLDER|lmtp://HOST:PORT", description, "maildir:FOLDER (a folder or a path to make one at) or lmtp://HOST:PORT",
            (string text, out DeliveryTargetLocation value) => TryParse(text, out value),
            () => new DeliveryTargetLocation(defaultFolder, null, 0));

    /// <summary>The location as the command line gives it, for help's default and the start line.</summary>
    public override string ToString() => Maildir is not null ? $"{MaildirScheme}{Maildir}" : $"{LmtpScheme}{LmtpHost}:{LmtpPort}";

    /// <summary>Reads <c>maildir:FOLDER</c>, a folder alone, or <c>lmtp://HOST:PORT</c>.</summary>
    public static bool TryParse(string text, out DeliveryTargetLocation value)
    {
        if (!text.StartsWith(LmtpScheme, StringComparison.OrdinalIgnoreCase))
        {
            string folder = text.StartsWith(MaildirScheme, StringComparison.OrdinalIgnoreCase) ? text[MaildirScheme.Length..] : text;
            value = new DeliveryTargetLocation(folder, null, 0);
            return folder.Length > 0 && !File.Exists(folder) && folder.IndexOfAny(Path.GetInvalidPathChars()) < 0;
        }

        value = new DeliveryTargetLocation(null, null, 0);
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Port <= 0 || url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            return false;
        }

        value = new DeliveryTargetLocation(null, url.IdnHost, url.Port);
        return true;
    }

    /// <summary>The target it names: the Maildir (made when missing), or a connection to the LMTP server made on first use.</summary>
    public IDeliveryTarget Open() =>
        Maildir is not null ? new MaildirDeliveryTarget(new MaildirMessageStore(Maildir)) : new LmtpDeliveryTarget(LmtpHost!, LmtpPort);
}
