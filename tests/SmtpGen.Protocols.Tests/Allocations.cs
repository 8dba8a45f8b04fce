namespace SmtpGen.Protocols.Tests;

/// <summary>Measures what a body allocates on the current thread once warm.</summary>
internal static class Allocations
{
    /// <summary>Runs <paramref name="body"/> once to warm up, then 1000 times, returning the octets allocated by the loop.</summary>
    public static long Measure(Action body)
    {
        body();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            body();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
