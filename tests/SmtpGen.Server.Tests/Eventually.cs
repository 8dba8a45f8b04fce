namespace SmtpGen.Server.Tests;

/// <summary>Waiting for what the server does on its own time: a file that appears, a session that ends.</summary>
internal static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds, checking every 20 ms; fails after 30 s, saying <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (int attempt = 0; !condition(); attempt++)
        {
            Assert.True(attempt < 1500, $"{what} did not happen within 30 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="condition"/>, which must ask someone (a server's API), holds; as <see cref="WaitUntilAsync(Func{bool}, string)"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (int attempt = 0; !await condition(); attempt++)
        {
            Assert.True(attempt < 1500, $"{what} did not happen within 30 s");
            await Task.Delay(20);
        }
    }
}
