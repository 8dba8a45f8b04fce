using System.Globalization;
using System.Runtime.InteropServices;

namespace SmtpGen.Server;

/// <summary>
/// Readies a Maildir when its store opens, so that a store that cannot work fails at start, in one line naming the folder
/// and the reason, and not at the first message: the folders are made when missing (for the owner alone), and a file is
/// made in <c>tmp/</c> and renamed into <c>new/</c> and <c>envelope/</c> and back, as each message and its envelope will
/// be. A rename is whole only within one file system, and .NET's <see cref="File.Move(string, string)"/> copies where it
/// cannot rename, so on Unix the check renames with <c>rename(2)</c> itself: a folder on another file system than
/// <c>tmp/</c> is refused. (On Windows it moves as the store does, and a folder on another volume is not told apart.)
/// </summary>
internal static partial class MaildirCheck
{
    /// <summary>The folders of a Maildir (<c>cur/</c> is for readers), and the store's <c>envelope/</c>.</summary>
    private static readonly string[] Folders = ["tmp", "new", "cur", "envelope"];

    /// <summary>The folders a message's files are renamed into from <c>tmp/</c>.</summary>
    private static readonly string[] RenamedInto = ["new", "envelope"];

    /// <summary><c>EXDEV</c>: the two paths are on different file systems (18 on Linux, macOS and the BSDs).</summary>
    private const int CrossDevice = 18;

    /// <summary>Makes the Maildir's missing folders and proves that messages can be written and renamed in it.</summary>
    /// <param name="maildir">The Maildir's folder, a full path.</param>
    /// <exception cref="IOException">The Maildir cannot be used; the message names the path and the reason, on one line.</exception>
    public static void Run(string maildir)
    {
        foreach (string path in (string[])[maildir, .. Folders.Select(folder => Path.Combine(maildir, folder))])
        {
            try
            {
                OwnerOnly.CreateDirectory(path);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                throw Unusable(maildir, $"cannot make {path}", failure);
            }
        }

        string temporary = Path.Combine(maildir, "tmp");
        string probe = Path.Combine(temporary, string.Create(CultureInfo.InvariantCulture, $".check.{Environment.ProcessId}.{Guid.NewGuid():N}"));
        FileStream file;
        try
        {
            // Held open while it moves, so that the recovery of another store on this Maildir leaves it alone.
            file = OwnerOnly.CreateFile(probe, bufferSize: 0, FileOptions.None);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw Unusable(maildir, $"cannot write in {temporary}", failure);
        }

        using (file)
        {
            RenameAround(maildir, temporary, probe);
        }
    }

    /// <summary>Renames <paramref name="probe"/> from <c>tmp/</c> into each folder messages are renamed into and back, then removes it.</summary>
    private static void RenameAround(string maildir, string temporary, string probe)
    {
        string at = probe;
        try
        {
            foreach (string folder in RenamedInto)
            {
                string destination = Path.Combine(maildir, folder);
                string there = Path.Combine(destination, Path.GetFileName(probe));
                try
                {
                    Rename(at, there);
                    at = there;
                    Rename(at, probe);
                    at = probe;
                }
                catch (IOException failure) when (failure.HResult == CrossDevice)
                {
                    throw Unusable(maildir, $"{destination} is not on the file system of {temporary}, so a message cannot be renamed into it whole", failure);
                }
                catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
                {
                    throw Unusable(maildir, $"cannot rename a file from {temporary} into {destination} and back", failure);
                }
            }
        }
        finally
        {
            File.Delete(at);
        }
    }

    /// <summary>
    /// The one-line failure of an unusable Maildir: the path, what failed and the system's reason (.NET's own message for
    /// a permission it lacks would name the path a second time).
    /// </summary>
    private static IOException Unusable(string maildir, string what, Exception failure) =>
        new($"The Maildir {maildir} cannot be used: {what} ({(failure is UnauthorizedAccessException ? "permission denied" : failure.Message.TrimEnd('.'))}).", failure);

    /// <summary>Renames a file, on Unix with <c>rename(2)</c>, which never copies.</summary>
    /// <exception cref="IOException">The rename failed; its HResult is the system's error number on Unix.</exception>
    private static void Rename(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(from, to);
            return;
        }

        if (RenameFile(from, to) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(error), error);
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameFile(string from, string to);
}
