using Microsoft.Extensions.Logging;

namespace SmtpGen.Server;

/// <summary>
/// Clears what a crash left in a Maildir, when its store opens. A file in <c>tmp/</c> that no writer holds open is part
/// of a message that was never acknowledged: a message leaves <c>tmp/</c> for <c>new/</c> before its 250, and its writer
/// holds it until then (<see cref="MaildirMessageWriter"/>). Such a file goes, and so does the envelope its message
/// may already have in <c>envelope/</c> (a crash between the writer's two renames). An envelope whose message is in
/// <c>new/</c> or <c>cur/</c>, and every file a writer of this or another process holds open, is left as it is.
/// </summary>
/// <remarks>
/// Holding is told by the lock an open <see cref="FileStream"/> takes (<c>flock</c> on Unix, the share mode on
/// Windows); where the system takes none (a network file system on Unix, or file locking turned off with
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>), open a Maildir's store only while no other store writes to it. A
/// program of another kind that delivers into the same Maildir (an LDA) may write its <c>tmp/</c> files without such a
/// lock: the store's Maildir is its own.
/// </remarks>
internal static class MaildirRecovery
{
    /// <summary>Removes the leftovers of messages never acknowledged, and logs each file removed.</summary>
    /// <param name="maildir">The Maildir's folder, with its <c>tmp/</c> and <c>envelope/</c> folders.</param>
    /// <param name="logger">Where to say what was removed.</param>
    public static void Run(string maildir, ILogger logger)
    {
        List<string> removed = [];
        foreach (string file in Directory.EnumerateFiles(Path.Combine(maildir, "tmp")))
        {
            FileStream? claim = TryClaim(file);
            if (claim is null)
            {
                continue;
            }

            // The envelope before the message file, which the claim deletes when it closes: a crash in between leaves
            // the message file for the next recovery, as the writer's own clean-up does.
            using (claim)
            {
                string name = Path.GetFileName(file);
                string envelope = Path.Combine(maildir, "envelope", name + ".json");
                if (File.Exists(envelope) && !IsDelivered(maildir, name))
                {
                    File.Delete(envelope);
                    removed.Add(envelope);
                }
            }

            removed.Add(file);
        }

        if (removed.Count > 0)
        {
            Log.MaildirRecovered(logger, maildir, removed.Count, removed);
        }
    }

    /// <summary>
    /// Whether the message <paramref name="name"/> is in <c>new/</c>, or in <c>cur/</c> where a reader moved it (with its
    /// info after ':', or '!' where ':' cannot be in a file name: <c>name:2,S</c>): a file of the same name in <c>tmp/</c>
    /// is then a copy (a move that copied, a rename the file system did not order), and the envelope is the delivered
    /// message's.
    /// </summary>
    private static bool IsDelivered(string maildir, string name)
    {
        if (File.Exists(Path.Combine(maildir, "new", name)))
        {
            return true;
        }

        string cur = Path.Combine(maildir, "cur");
        try
        {
            foreach (string file in Directory.EnumerateFiles(cur, name + "*"))
            {
                string read = Path.GetFileName(file);
                if (read.Length == name.Length || read[name.Length] is ':' or '!')
                {
                    return true;
                }
            }

            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // cur/ cannot be read: the envelope may be a delivered message's, so it stays.
            return true;
        }
    }

    /// <summary>
    /// Opens <paramref name="file"/> with an exclusive lock, to be deleted when closed; null when a writer holds it or it
    /// is gone (the writer has just moved it into <c>new/</c>).
    /// </summary>
    private static FileStream? TryClaim(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
