using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>
/// A command's arguments: <c>--name value</c> options (some repeatable) and <c>-v</c>-style flags, checked
/// against the names the command knows. Mistakes are <see cref="UsageException"/>s with one clear line.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="arguments"/>, which may use the options and flags named.</summary>
    /// <param name="arguments">The arguments after the command's name.</param>
    /// <param name="options">Names that take a value, e.g. <c>--port</c>.</param>
    /// <param name="flags">Names that take none, e.g. <c>-v</c>.</param>
    public ParsedArguments(IReadOnlyList<string> arguments, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string name = arguments[i];
            if (flags.Contains(name))
            {
                _flags.Add(name);
            }
            else if (options.Contains(name))
            {
                if (i + 1 == arguments.Count)
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (!_values.TryGetValue(name, out List<string>? values))
                {
                    _values[name] = values = [];
                }

                values.Add(arguments[++i]);
            }
            else
            {
                throw new UsageException($"unknown argument '{name}'");
            }
        }
    }

    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>The values given for a repeatable option, in order.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out List<string>? values) ? values : [];

    /// <summary>The value of an option given at most once, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback = null) => All(name) switch
    {
        [] => fallback,
        [string value] => value,
        _ => throw new UsageException($"{name} is given more than once"),
    };

    public string Required(string name) => Get(name) ?? throw new UsageException($"{name} is required");

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public long Number(string name, long fallback, long minimum = 1, long maximum = long.MaxValue)
    {
        string? text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < minimum)
        {
            throw new UsageException($"{name} must be a whole number of at least {minimum}, not '{text}'");
        }

        return value <= maximum ? value : throw new UsageException($"{name} must be at most {maximum}");
    }
}

/// <summary>A mistake in how a command was called: reported as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
