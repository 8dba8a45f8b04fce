using System.Globalization;
using System.Text;
using SmtpGen.Server.Tests.Peers;

namespace SmtpGen.Server.Tests.Pop3;

/// <summary>
/// POP3 end to end: Python's smtplib sends the peer messages to our SMTP server, which stores them in a Maildir;
/// Python's poplib (Debian's python3) reads them back from a POP3 server built on the generated
/// <c>Pop3Protocol</c>, which must give back byte for byte what was stored.
/// </summary>
public sealed class PoplibPeerTests : IDisposable
{
    private static readonly Pop3Account Account = new("bob", "tanstaaf");

    private const string SendScript = """
        import smtplib, sys
        host, port = sys.argv[1], int(sys.argv[2])
        for path in sys.argv[3:]:
            with open(path, "rb") as f:
                message = f.read()
            with smtplib.SMTP(host, port) as smtp:
                smtp.sendmail("alice@example.com", ["bob@example.com"], message)
        """;

    /// <summary>
    /// A wrong password first (the server must take USER again after it), then every command of RFC 1939 §5–7 and
    /// CAPA; the messages retrieved, and the seed message's TOP, go to files; a deletion undone by RSET, then the first
    /// message deleted on QUIT. A second session logs in with APOP and counts what is left.
    /// </summary>
    private const string ReadScript = """
        import os, poplib, sys
        host, port, user, password, out, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
        pop = poplib.POP3(host, port)
        pop.user(user)
        try:
            pop.pass_("wrong")
            print("wrong password accepted")
        except poplib.error_proto as error:
            print("refused:", error)
        pop.user(user)
        pop.pass_(password)
        print("capa:", sorted(pop.capa()))
        count, size = pop.stat()
        print("stat:", count, size)
        print("list:", [line.decode() for line in pop.list()[1]])
        print("list 1:", pop.list(1).decode())
        print("uidl:", [line.decode() for line in pop.uidl()[1]])
        print("uidl 1:", pop.uidl(1).decode())
        for number in range(1, count + 1):
            response, lines, octets = pop.retr(number)
            with open(os.path.join(out, str(number)), "wb") as f:
                f.write(b"".join(line + b"\r\n" for line in lines))
        response, lines, octets = pop.top(seed, 2)
        with open(os.path.join(out, "top"), "wb") as f:
            f.write(b"".join(line + b"\r\n" for line in lines))
        try:
            pop.retr(count + 1)
        except poplib.error_proto as error:
            print("missing:", error)
        print("noop:", pop.noop().decode())
        pop.dele(2)
        print("stat after dele 2:", pop.stat())
        pop.rset()
        print("stat after rset:", pop.stat())
        print("dele:", pop.dele(1).decode())
        print("stat after dele:", pop.stat())
        print("quit:", pop.quit().decode())
        pop = poplib.POP3(host, port)
        pop.apop(user, password)
        print("apop stat:", pop.stat())
        pop.quit()
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-pop3-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Poplib_reads_back_byte_for_byte_what_the_smtp_server_stored()
    {
        string python = ExternalProgram.Require("/usr/bin/python3", "python3");
        string maildir = Path.Combine(_directory, "Maildir");
        string[] sent = ["seed", "dots", "empty body", "large"];
        string[] files = new string[sent.Length];
        for (int i = 0; i < sent.Length; i++)
        {
            files[i] = Path.Combine(_directory, $"sent{i}.eml");
            await File.WriteAllTextAsync(files[i], PeerMessages.ByName(sent[i]));
        }

        await using (TestServer smtp = TestServer.Start(options => options.MaxMessageSize = 16 * 1024 * 1024, new MaildirMessageStore(maildir)))
        {
            (int sendExit, string sendOutput) = await ExternalProgram.RunAsync(python, ["-c", SendScript, "127.0.0.1", Invariant(smtp.EndPoint.Port), .. files]);
            Assert.True(sendExit == 0, sendOutput);
        }

        // The maildrop's order is its file names' order, which need not be the order the messages were stored in
        // (Maildir names are unique, not sortable by time within a second).
        string[] stored = Directory.GetFiles(Path.Combine(maildir, "new"));
        Array.Sort(stored, StringComparer.Ordinal);
        byte[][] storedBytes = stored.Select(File.ReadAllBytes).ToArray();
        string[] storedTexts = storedBytes.Select(bytes => Encoding.UTF8.GetString(ServerTrace.Remove(bytes))).ToArray();
        Assert.Equal(sent.Select(name => PeerMessages.ByName(name)).Order(StringComparer.Ordinal), storedTexts.Order(StringComparer.Ordinal));
        int seedNumber = Array.IndexOf(storedTexts, PeerMessages.ByName("seed")) + 1;

        string retrieved = Path.Combine(_directory, "retrieved");
        Directory.CreateDirectory(retrieved);
        await using var pop3 = new Pop3TestServer(Account, maildir);
        (int exitCode, string output) = await ExternalProgram.RunAsync(python, ["-c", ReadScript, "127.0.0.1", Invariant(pop3.EndPoint.Port), Account.User, Account.Password, retrieved, Invariant(seedNumber)]);

        Assert.True(exitCode == 0, output);
        long total = storedBytes.Sum(b => (long)b.Length);
        Assert.Contains("refused: b'-ERR invalid password'", output, StringComparison.Ordinal);
        Assert.Contains("capa: ['TOP', 'UIDL', 'USER']", output, StringComparison.Ordinal);
        Assert.Contains($"stat: 4 {total}", output, StringComparison.Ordinal);
        Assert.Contains($"list: ['1 {storedBytes[0].Length}', '2 {storedBytes[1].Length}', '3 {storedBytes[2].Length}', '4 {storedBytes[3].Length}']", output, StringComparison.Ordinal);
        Assert.Contains($"list 1: +OK 1 {storedBytes[0].Length}", output, StringComparison.Ordinal);
        Assert.Contains("missing: b'-ERR no such message'", output, StringComparison.Ordinal);
        Assert.Contains("noop: +OK", output, StringComparison.Ordinal);
        Assert.Contains($"stat after dele 2: (3, {total - storedBytes[1].Length})", output, StringComparison.Ordinal);
        Assert.Contains($"stat after rset: (4, {total})", output, StringComparison.Ordinal);
        AssertUniqueIds(output, storedBytes.Length);
        Assert.Contains("dele: +OK message 1 deleted", output, StringComparison.Ordinal);
        Assert.Contains($"stat after dele: (3, {total - storedBytes[0].Length})", output, StringComparison.Ordinal);
        Assert.Contains("quit: +OK POP3 server signing off", output, StringComparison.Ordinal);
        Assert.Contains($"apop stat: (3, {total - storedBytes[0].Length})", output, StringComparison.Ordinal);
        for (int i = 0; i < storedBytes.Length; i++)
        {
            byte[] read = await File.ReadAllBytesAsync(Path.Combine(retrieved, (i + 1).ToString(CultureInfo.InvariantCulture)));
            Assert.True(storedBytes[i].AsSpan().SequenceEqual(read), $"message {i + 1}: {read.Length} octets read back, {storedBytes[i].Length} stored");
        }

        // TOP of the seed message, 2 lines: the header (the server's trace first), the blank line, and the body's first two lines.
        Assert.Equal("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: Hello from SMTP!\r\nDate: Tue, 16 Apr 2025 15:30:00 +0530\r\n\r\nHi Bob,\r\n\r\n",
            Encoding.UTF8.GetString(ServerTrace.Remove(await File.ReadAllBytesAsync(Path.Combine(retrieved, "top")))));

        // QUIT in the TRANSACTION state entered UPDATE: the deleted message is gone from the Maildir.
        Assert.False(File.Exists(stored[0]));
        Assert.All(stored[1..], file => Assert.True(File.Exists(file), file));
    }

    /// <summary>UIDL lists each message once with a unique-id of its own (RFC 1939 §7), and UIDL 1 gives the first's.</summary>
    private static void AssertUniqueIds(string output, int count)
    {
        string listing = output.Split('\n').Single(line => line.StartsWith("uidl: ", StringComparison.Ordinal));
        string[] entries = listing["uidl: ".Length..].Trim('[', ']').Split(", ").Select(entry => entry.Trim('\'')).ToArray();
        Assert.Equal(count, entries.Length);
        Assert.Equal(Enumerable.Range(1, count).Select(n => n.ToString(CultureInfo.InvariantCulture)), entries.Select(entry => entry.Split(' ')[0]));
        string[] ids = entries.Select(entry => entry.Split(' ')[1]).ToArray();
        Assert.Equal(count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.InRange(id.Length, 1, 70));
        Assert.Contains($"uidl 1: +OK 1 {ids[0]}", output, StringComparison.Ordinal);
    }

    private static string Invariant(int number) => number.ToString(CultureInfo.InvariantCulture);
}
