namespace SmtpGen.Tests.Grammar;

/// <summary>A fact that needs Linux (<see cref="GuardedPage"/>'s <c>mmap</c> flags); reported as skipped elsewhere, never as passed.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux: the guard page is made with Linux's mmap and mprotect";
        }
    }
}
