using System.Runtime.Versioning;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen serve</c> checks its Maildir at start: one that it cannot write stops it with one line and exit 1.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StoreCheckTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "smtpgen-store-check-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // Writable again, so that the folder can be removed.
        File.SetUnixFileMode(Path.Combine(_store, "tmp"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_store, recursive: true);
    }

    [Fact]
    public async Task Serve_with_a_store_it_cannot_write_stops_at_start_with_one_line_naming_it_and_exit_1()
    {
        foreach (string folder in (string[])["tmp", "new", "cur", "envelope"])
        {
            Directory.CreateDirectory(Path.Combine(_store, folder));
        }

        File.SetUnixFileMode(Path.Combine(_store, "tmp"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        (int exitCode, string output, string error) = await ToolProcess.RunUnprivilegedAsync("serve", "--port", "0", "--store", _store);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);   // no "serving ... on" line: it never listened
        Assert.Equal($"smtpgen: The Maildir {_store} cannot be used: cannot write in {Path.Combine(_store, "tmp")} (permission denied).{Environment.NewLine}", error);
    }
}
