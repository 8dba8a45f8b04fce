using System.Runtime.InteropServices;

namespace SmtpGen.Tests.Grammar;

/// <summary>
/// A readable page followed by one that cannot be read (Linux <c>mmap</c> and <c>mprotect</c>): a value placed to end
/// on the readable page's last octet shows any read past its end as a fault, which stops the test process. Its tests
/// are <see cref="LinuxFactAttribute"/>s.
/// </summary>
internal sealed unsafe partial class GuardedPage : IDisposable
{
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22;

    private readonly nint _pages;
    private readonly int _pageSize = Environment.SystemPageSize;

    public GuardedPage()
    {
        _pages = Mmap(0, (nuint)(2 * _pageSize), ProtReadWrite, MapPrivateAnonymous, -1, 0);
        Assert.NotEqual(-1, _pages);
        Assert.Equal(0, Mprotect(_pages + _pageSize, (nuint)_pageSize, ProtNone));
    }

    /// <summary>The last <paramref name="length"/> octets of the readable page.</summary>
    public Span<byte> EndingAtGuard(int length) => new((void*)(_pages + _pageSize - length), length);

    public void Dispose() => Assert.Equal(0, Munmap(_pages, (nuint)(2 * _pageSize)));

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
