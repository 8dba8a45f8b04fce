using System.CommandLine;

namespace SmtpGen.Cli;

/// <summary>
/// Options whose text is read by one function, at parse time: it gives the value, or the mistake is told as
/// <c>--name must be EXPECTED, not 'TEXT'</c> (one line and exit code 2, before anything connects or listens).
/// </summary>
internal static class CheckedOption
{
    /// <summary>Reads an option's text; false when the text is not a value of the option's kind.</summary>
    public delegate bool Reader<T>(string text, out T value);

    /// <summary>An option of one value, read by <paramref name="read"/>.</summary>
    /// <param name="name">The option's name, e.g. <c>--port</c>.</param>
    /// <param name="helpName">What the value is called in the help, e.g. <c>PORT</c>.</param>
    /// <param name="description">The help's description.</param>
    /// <param name="expected">What a value must be, as the mistake says it: "a whole number from 1 to 65535".</param>
    /// <param name="read">Reads the text.</param>
    /// <param name="defaultValue">The value when the option is absent (the help shows it); none when null.</param>
    public static Option<T> Create<T>(string name, string helpName, string description, string expected, Reader<T> read, Func<T>? defaultValue = null)
    {
        var option = new Option<T>(name)
        {
            HelpName = helpName,
            Description = description,
            CustomParser = result =>
            {
                // Another count of values is the parser's own mistake ("expects a single argument"), told by it.
                if (result.Tokens is not [{ Value: string text }])
                {
                    return default;
                }

                if (read(text, out T value))
                {
                    return value;
                }

                result.AddError(Mistake(name, expected, text));
                return default;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue();
        }

        return option;
    }

    /// <summary>An option that takes one of a few words, in any case: <c>--log-format text|json</c>.</summary>
    /// <param name="name">The option's name, e.g. <c>--log-format</c>.</param>
    /// <param name="description">The help's description.</param>
    /// <param name="choices">Each word, lower case, and the value it stands for.</param>
    /// <param name="defaultValue">The value when the option is absent (the help shows it); none when null.</param>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<(string Word, T Value)> choices, Func<T>? defaultValue = null)
    {
        string[] words = [.. choices.Select(choice => $"'{choice.Word}'")];
        string expected = words.Length == 1 ? words[0] : $"{string.Join(", ", words[..^1])} or {words[^1]}";
        return Create(
            name,
            string.Join('|', choices.Select(choice => choice.Word)),
            description,
            expected,
            (string text, out T value) =>
            {
                (string Word, T Value)[] chosen = [.. choices.Where(choice => choice.Word.Equals(text, StringComparison.OrdinalIgnoreCase))];
                value = chosen is [var only] ? only.Value : default!;
                return chosen.Length == 1;
            },
            defaultValue);
    }

    /// <summary>The one line that tells a wrong value.</summary>
    public static string Mistake(string name, string expected, string text) => $"{name} must be {expected}, not '{text}'";
}
