using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen load --replies FILE</c>: a line for each message as its answer comes, <c>NUMBER REPLY</c>: the number its
/// subject carries, then the server's last reply to it (<c>250 2.0.0 OK: queued as ID</c>, <c>451 4.3.0 ...</c>) or the
/// failure that cut it off. A test of a whole tier reads it to know which message got which id and which got 4xx.
/// </summary>
internal sealed class LoadReplies : IDisposable
{
    private readonly StreamWriter _file;

    public LoadReplies(string path)
    {
        _file = new StreamWriter(path, append: false) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>Writes the line of message <paramref name="number"/> (each line whole, whichever session writes it).</summary>
    public void Write(int number, string reply)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{number} {reply.ReplaceLineEndings(" ")}");
        lock (_file)
        {
            _file.WriteLine(line);
        }
    }

    public void Dispose() => _file.Dispose();
}
