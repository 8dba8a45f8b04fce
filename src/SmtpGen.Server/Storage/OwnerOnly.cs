namespace SmtpGen.Server;

/// <summary>
/// Makes the Maildir's folders and files for the user the server runs as alone (<c>0700</c> and <c>0600</c> on Unix, as
/// Postfix and Dovecot keep mail): a message is nobody else's to read. On Windows they get the folder's inherited access.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Makes the folder <paramref name="path"/> for the owner alone; one that exists keeps its mode, and folders above it that
    /// are missing get the system's default.
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, FolderPermissions);
        }
    }

    /// <summary>
    /// Creates the file <paramref name="path"/>, which must not exist, for writing; others may delete or rename it while it
    /// is open, and on Unix it holds a shared lock (<c>flock</c>) until closed.
    /// </summary>
    public static FileStream CreateFile(string path, int bufferSize, FileOptions options)
    {
        var settings = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Delete,
            BufferSize = bufferSize,
            Options = options,
        };
        if (!OperatingSystem.IsWindows())
        {
            settings.UnixCreateMode = FilePermissions;
        }

        return new FileStream(path, settings);
    }
}
