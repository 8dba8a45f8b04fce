using System.Runtime.InteropServices;

namespace SmtpGen.Server;

/// <summary>
/// Flushes a directory to disk, so that a rename into it survives a crash: on POSIX systems a file's own
/// fsync does not make the directory entry durable (the reason Maildir writers fsync <c>new/</c>).
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; on Windows, where NTFS journals renames, nothing to do.</summary>
    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    private const int ReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
