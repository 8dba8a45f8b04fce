using System.Security.Cryptography;
using System.Text;

namespace SmtpGen.Server.Tests.Pop3;

/// <summary>
/// The messages of a Maildir's <c>new/</c> folder as a POP3 maildrop (RFC 1939 §5): numbered from 1 in the order of
/// their file names, each with its size in octets and a unique id; deletions are marked during the session and
/// take effect only in the UPDATE state.
/// </summary>
internal sealed class Maildrop
{
    private readonly string[] _files;
    private readonly bool[] _deleted;

    public Maildrop(string maildir)
    {
        _files = Directory.GetFiles(Path.Combine(maildir, "new"));
        Array.Sort(_files, StringComparer.Ordinal);
        _deleted = new bool[_files.Length];
    }

    /// <summary>The number of messages not marked as deleted.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _files.Length; i++)
            {
                count += _deleted[i] ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>The size of the messages not marked as deleted, in octets.</summary>
    public long Size
    {
        get
        {
            long size = 0;
            for (int i = 0; i < _files.Length; i++)
            {
                size += _deleted[i] ? 0 : new FileInfo(_files[i]).Length;
            }

            return size;
        }
    }

    /// <summary>The message numbers not marked as deleted, in order.</summary>
    public IEnumerable<long> Messages
    {
        get
        {
            for (int i = 0; i < _files.Length; i++)
            {
                if (!_deleted[i])
                {
                    yield return i + 1;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="message"/> is a message of the maildrop, not marked as deleted.</summary>
    public bool Exists(long message) => message >= 1 && message <= _files.Length && !_deleted[message - 1];

    public long SizeOf(long message) => new FileInfo(_files[message - 1]).Length;

    /// <summary>The message's octets as stored, CRLF line endings included.</summary>
    public byte[] Read(long message) => File.ReadAllBytes(_files[message - 1]);

    /// <summary>A unique id of 64 hex digits (RFC 1939 §7 UIDL: 1 to 70 of 0x21–0x7E), from the Maildir file name, which never changes.</summary>
    public string UniqueIdOf(long message) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFileName(_files[message - 1]))));

    public void MarkDeleted(long message) => _deleted[message - 1] = true;

    /// <summary>RSET: no message is marked as deleted any more.</summary>
    public void Unmark() => Array.Clear(_deleted);

    /// <summary>The UPDATE state: the messages marked as deleted are removed.</summary>
    public void Commit()
    {
        for (int i = 0; i < _files.Length; i++)
        {
            if (_deleted[i])
            {
                File.Delete(_files[i]);
            }
        }
    }
}
