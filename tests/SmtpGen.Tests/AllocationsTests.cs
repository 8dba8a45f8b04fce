namespace SmtpGen.Tests;

public class AllocationsTests
{
    [Fact]
    public void Measure_sees_an_allocating_body()
    {
        Assert.True(Allocations.Measure(() => GC.KeepAlive(new byte[16])) >= 16 * 1000);
    }
}
