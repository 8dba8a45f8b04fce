using System.Globalization;

namespace SmtpGen.Server;

/// <summary>A setting that cannot work, told in one line that names it: <c>MaxErrors must be at least 1, not 0</c>.</summary>
/// <param name="Setting">The setting's name, as its property (and its configuration key) has it.</param>
/// <param name="Problem">What is wrong with it, after its name.</param>
/// <param name="OutOfRange">Whether it is a number or a time out of its range, rather than a value of the wrong kind.</param>
internal sealed record SettingMistake(string Setting, string Problem, bool OutOfRange)
{
    /// <summary>The line that tells the mistake: the setting's name, then the problem.</summary>
    public string Message => $"{Setting} {Problem}";

    /// <summary>The exception that <see cref="SmtpServerOptions.Validate"/> throws for it, whose parameter is the setting.</summary>
    public ArgumentException ToException() => OutOfRange ? new ArgumentOutOfRangeException(Setting, Message) : new ArgumentException(Message, Setting);

    public static SettingMistake Invalid(string setting, string problem) => new(setting, problem, OutOfRange: false);

    public static SettingMistake? AtLeast(string setting, long value, long minimum) =>
        value >= minimum ? null : new(setting, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}, not {value}"), OutOfRange: true);

    public static SettingMistake? Within(string setting, long value, long minimum, long maximum) =>
        value >= minimum && value <= maximum ? null : new(setting, string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, not {value}"), OutOfRange: true);

    public static SettingMistake? Longer(string setting, TimeSpan value, TimeSpan minimum) =>
        value > minimum ? null : new(setting, string.Create(CultureInfo.InvariantCulture, $"must be longer than {minimum}, not {value}"), OutOfRange: true);

    public static SettingMistake? NotNegative(string setting, TimeSpan value) =>
        value >= TimeSpan.Zero ? null : new(setting, string.Create(CultureInfo.InvariantCulture, $"cannot be negative ({value})"), OutOfRange: true);
}
