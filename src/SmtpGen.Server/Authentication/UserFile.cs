using System.Globalization;
using System.Text;

namespace SmtpGen.Server;

/// <summary>
/// A file of users, one a line: <c>name:SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>. Blank lines and lines that
/// start with <c>#</c> are left alone. It holds verifiers only (<c>smtpgen users add</c> writes them), never passwords.
/// </summary>
public static class UserFile
{
    /// <summary>Reads the users of a file into a store.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The users, in a store that does not follow later changes of the file.</returns>
    /// <exception cref="FormatException">A line is not a user (its number is named).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static MemoryUserStore Load(string path)
    {
        var store = new MemoryUserStore();
        int number = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !ScramCredential.TryParse(line[(colon + 1)..], out ScramCredential? credential))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {number}: not \"name:SCRAM-SHA-256$...\"."));
            }

            store.Add(line[..colon], credential);
        }

        return store;
    }

    /// <summary>Adds a user to a file, or replaces the user's line; the file is created if missing and rewritten whole.</summary>
    /// <param name="path">The file.</param>
    /// <param name="userName">The user's name, without ':' or a line break.</param>
    /// <param name="credential">The verifier of the user's password.</param>
    /// <exception cref="ArgumentException">The name is empty or holds ':' or a line break.</exception>
    public static void Add(string path, string userName, ScramCredential credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(credential);
        if (userName.AsSpan().IndexOfAny(":\r\n") >= 0)
        {
            throw new ArgumentException("A user name holds no ':' and no line break.", nameof(userName));
        }

        List<string> lines = File.Exists(path) ? [.. File.ReadLines(path, Encoding.UTF8)] : [];
        lines.RemoveAll(line => line.StartsWith(userName + ":", StringComparison.Ordinal));
        lines.Add($"{userName}:{credential}");

        // A temporary file of its own, made readable by the owner alone from the start (verifiers allow offline
        // guessing), then renamed over the file.
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            foreach (string line in lines)
            {
                writer.WriteLine(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
