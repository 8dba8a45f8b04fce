using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// The generated files are named after each definition's full name (<see cref="ProtocolEmitter.FilePrefix"/>), and the
/// compiler compares the names of generated files ignoring case: of two definitions whose names differ only in case,
/// the first in ordinal order keeps the names.
/// </summary>
internal static class FileNames
{
    /// <summary>Whether a definition earlier in ordinal order has the file prefix of <paramref name="model"/> but for case.</summary>
    /// <param name="model">The definition.</param>
    /// <param name="prefixes">Every definition's file prefix, in ordinal order.</param>
    public static bool IsTaken(ProtocolModel model, EquatableArray<string> prefixes)
    {
        string prefix = ProtocolEmitter.FilePrefix(model);
        foreach (string other in prefixes)
        {
            if (string.Compare(other, prefix, System.StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            if (string.Equals(other, prefix, System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
