using System.Runtime.CompilerServices;

namespace SmtpGen.Generators.Tests;

/// <summary>
/// Snapshot testing in Verify's convention, without Verify (its core package is not available here):
/// the text is compared with <c>Snapshots/{name}.verified.cs</c>; on a difference it is written to
/// <c>{name}.received.cs</c> (git-ignored) and the test fails with the first differing line. Setting
/// <c>SMTPGEN_ACCEPT_SNAPSHOTS=1</c> accepts the received text as the new verified snapshot.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string caller = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots");
        string verified = Path.Combine(folder, name + ".verified.cs");
        string received = Path.Combine(folder, name + ".received.cs");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable("SMTPGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No verified snapshot {verified}; the output is in {received}. Review it, then accept with SMTPGEN_ACCEPT_SNAPSHOTS=1."
            : $"{name} differs from its verified snapshot: {FirstDifference(expected, actual)}. The output is in {received}.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] before = expected.Split('\n'), after = actual.Split('\n');
        for (int i = 0; i < Math.Max(before.Length, after.Length); i++)
        {
            string left = i < before.Length ? before[i] : "<end>", right = i < after.Length ? after[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1} was \"{left}\", is \"{right}\"";
            }
        }

        return "only in line endings";
    }
}
