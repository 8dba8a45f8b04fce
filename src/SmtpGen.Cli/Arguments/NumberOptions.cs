using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace SmtpGen.Cli;

/// <summary>Options that take a whole number within bounds: counts, sizes, ports and seconds.</summary>
internal static class NumberOptions
{
    /// <summary>The longest timeout the tool takes, in seconds: one day.</summary>
    public const int MaxTimeoutSeconds = 24 * 60 * 60;

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, written in decimal digits only.</summary>
    public static Option<T> WholeNumber<T>(string name, string helpName, string description, T minimum, T maximum, Func<T>? defaultValue = null)
        where T : IBinaryInteger<T>
    {
        string expected = string.Create(CultureInfo.InvariantCulture, $"a whole number from {minimum} to {maximum}");
        return CheckedOption.Create(
            name,
            helpName,
            description,
            expected,
            (string text, out T value) =>
                T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value!) && value >= minimum && value <= maximum,
            defaultValue);
    }

    /// <summary>A timeout in whole seconds, from 1 to <see cref="MaxTimeoutSeconds"/>.</summary>
    public static Option<int> Seconds(string name, string description, TimeSpan? defaultValue = null) =>
        WholeNumber(name, "SECONDS", description, 1, MaxTimeoutSeconds, defaultValue is { } value ? () => (int)value.TotalSeconds : null);
}
