namespace SmtpGen.Server.Tests;

/// <summary>Verifiers instead of passwords: <see cref="ScramCredential"/> and the user file that keeps them.</summary>
public sealed class UserFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("smtpgen-users-").FullName, "users");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public void A_verifier_checks_its_password_and_reads_back_from_its_text()
    {
        ScramCredential credential = ScramCredential.Create("s3cret");
        Assert.True(credential.Verifies("s3cret"));
        Assert.False(credential.Verifies("s3cret "));
        Assert.Equal("password", Assert.Throws<ArgumentNullException>(() => credential.Verifies(null!)).ParamName);

        string text = credential.ToString();
        Assert.StartsWith("SCRAM-SHA-256$4096:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.True(ScramCredential.TryParse(text, out ScramCredential? read));
        Assert.True(read.Verifies("s3cret"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SCRAM-SHA-256$4096:c2FsdHNhbHQ=")]
    [InlineData("SCRAM-SHA-256$100:c2FsdHNhbHQ=$AAAA:AAAA")]
    [InlineData("SCRAM-SHA-1$4096:c2FsdHNhbHQ=$AAAA:AAAA")]
    public void Text_that_is_no_verifier_does_not_parse(string? text)
    {
        Assert.False(ScramCredential.TryParse(text, out _));
    }

    [Fact]
    public async Task A_user_added_twice_keeps_one_line_with_the_newest_verifier()
    {
        UserFile.Add(_file, "alice", ScramCredential.Create("first"));
        UserFile.Add(_file, "bob", ScramCredential.Create("other"));
        UserFile.Add(_file, "alice", ScramCredential.Create("second"));

        string[] lines = File.ReadAllLines(_file);
        Assert.Equal(2, lines.Length);
        Assert.Single(lines, line => line.StartsWith("alice:", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_file));
        }

        MemoryUserStore users = UserFile.Load(_file);
        Assert.True((await users.FindAsync("alice", CancellationToken.None))!.Verifies("second"));
        Assert.Null(await users.FindAsync("carol", CancellationToken.None));
    }

    [Fact]
    public void A_line_that_is_no_user_is_named_by_its_number()
    {
        File.WriteAllLines(_file, ["# users", "", "alice:plaintext-password"]);
        Assert.Contains("line 3", Assert.Throws<FormatException>(() => UserFile.Load(_file)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => UserFile.Add(_file, "al:ice", ScramCredential.Create("x")));
    }
}
