namespace SmtpGen.Interop.Tests.Peers;

/// <summary>A folder of its own under the temp folder, open to every user (peers may drop privileges), deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, (UnixFileMode)0b111_111_111);
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A peer still writing: the temp folder is cleaned up by the system.
        }
        catch (UnauthorizedAccessException)
        {
            // Written by a peer that runs as another user.
        }
    }
}
