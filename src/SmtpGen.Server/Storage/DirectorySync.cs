using System.Diagnostics.CodeAnalysis;
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
            ThrowLastError($"Cannot open {directory} to flush it to disk");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                ThrowLastError($"Cannot flush {directory} to disk");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>Throws the error the last call reported, with its number as the HResult, as .NET's file APIs do on Unix.</summary>
    [DoesNotReturn]
    private static void ThrowLastError(string what)
    {
        int error = Marshal.GetLastPInvokeError();
        throw new IOException($"{what} (errno {error}).", error);
    }

    private const int ReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
