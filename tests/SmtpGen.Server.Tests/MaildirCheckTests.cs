using System.Runtime.Versioning;

namespace SmtpGen.Server.Tests;

/// <summary>
/// Opening a Maildir store proves it can work, before any message: its folders made for the owner alone, a file written in
/// tmp/ and renamed into new/ and envelope/ on one file system; otherwise one line naming the path and the reason.
/// </summary>
public sealed class MaildirCheckTests : IDisposable
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smtpgen-check-" + Guid.NewGuid().ToString("N"));
    private readonly string _elsewhere = Path.Combine("/dev/shm", "smtpgen-check-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (string folder in (string[])[_directory, _elsewhere])
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task The_folders_the_store_makes_are_0700_and_the_files_it_stores_0600()
    {
        var store = new MaildirMessageStore(Path.Combine(_directory, "mail"));
        await using (TestServer server = TestServer.Start(store: store))
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            Assert.StartsWith("250 ", await client.CommandAsync("Subject: private\r\n\r\nbody\r\n."), StringComparison.Ordinal);
        }

        Assert.Equal(OwnerFolder, File.GetUnixFileMode(store.Directory));
        foreach (string folder in (string[])["tmp", "new", "cur", "envelope"])
        {
            Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(store.Directory, folder)));
        }

        Assert.Equal(OwnerFile, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(Path.Combine(store.Directory, "new")))));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(Path.Combine(store.Directory, "envelope")))));
    }

    [Fact]
    public void Opening_leaves_no_file_of_its_check_behind()
    {
        var store = new MaildirMessageStore(_directory);

        foreach (string folder in (string[])["tmp", "new", "cur", "envelope"])
        {
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store.Directory, folder)));
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_made_fails_the_opening_in_one_line_naming_it()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "new"), "a file where new/ should be");

        IOException failure = Assert.Throws<IOException>(() => new MaildirMessageStore(_directory));

        Assert.StartsWith($"The Maildir {_directory} cannot be used: cannot make {Path.Combine(_directory, "new")} (", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void A_new_folder_on_another_file_system_than_tmp_fails_the_opening_naming_both()
    {
        // /dev/shm is a tmpfs; the temporary folder is on the disk. A rename between them would be a copy, not whole.
        Assert.True(Directory.Exists("/dev/shm"), "this test needs /dev/shm, a tmpfs");
        Directory.CreateDirectory(_elsewhere);
        Directory.CreateDirectory(_directory);
        Directory.CreateSymbolicLink(Path.Combine(_directory, "new"), _elsewhere);

        IOException failure = Assert.Throws<IOException>(() => new MaildirMessageStore(_directory));

        Assert.Equal(
            $"The Maildir {_directory} cannot be used: {Path.Combine(_directory, "new")} is not on the file system of {Path.Combine(_directory, "tmp")}, " +
            "so a message cannot be renamed into it whole (Invalid cross-device link).",
            failure.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_directory, "tmp")));
        Assert.Empty(Directory.GetFileSystemEntries(_elsewhere));
    }
}
