using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SmtpGen.Server;

/// <summary>
/// Sets <see cref="SmtpServerOptions"/> from a configuration section (<c>Smtp</c>: <c>Smtp:Port</c> in a JSON file,
/// <c>SMTPGEN_Smtp__Port</c> in the environment): each setting that configuration can hold, under its property's name, read
/// without reflection so that it trims and compiles ahead of time. The certificate, AUTH, the extensions and a command
/// handler are objects that code sets. A value that is not of its setting's kind stops the host's start as a setting that
/// cannot work does: with an <see cref="OptionsValidationException"/> whose one line names its key. Other keys of the
/// section are the application's (<see cref="Names"/> tells an application that wants to refuse them which are settings).
/// </summary>
internal sealed class SmtpServerOptionsConfiguration(IConfiguration section) : IConfigureOptions<SmtpServerOptions>
{
    private const string WholeNumber = "a whole number";

    /// <summary>Where the keys <see cref="Configure"/> asks for are collected, with no section to read them from; null when it reads.</summary>
    private readonly List<string>? _names;

    /// <summary>Collects the settings' names: <see cref="Configure"/> then reads nothing and sets every option as it was.</summary>
    private SmtpServerOptionsConfiguration(List<string> names)
        : this(section: null!) => _names = names;

    /// <summary>The names of the settings, in the order they are read: each key <see cref="Configure"/> asks for, collected once.</summary>
    public static IReadOnlyList<string> Names { get; } = CollectNames();

    private static System.Collections.ObjectModel.ReadOnlyCollection<string> CollectNames()
    {
        var names = new List<string>();
        new SmtpServerOptionsConfiguration(names).Configure(new SmtpServerOptions());
        return names.AsReadOnly();
    }

    public void Configure(SmtpServerOptions options)
    {
        options.Address = Text(nameof(options.Address)) ?? options.Address;
        options.Port = Read(nameof(options.Port), options.Port, "a port number");
        options.ServerName = Text(nameof(options.ServerName)) ?? options.ServerName;
        options.MaxCommandLineLength = Read(nameof(options.MaxCommandLineLength), options.MaxCommandLineLength, WholeNumber);
        options.MaxTextLineLength = Read(nameof(options.MaxTextLineLength), options.MaxTextLineLength, WholeNumber);
        options.MaxMessageSize = Read(nameof(options.MaxMessageSize), options.MaxMessageSize, WholeNumber);
        options.MaxRecipients = Read(nameof(options.MaxRecipients), options.MaxRecipients, WholeNumber);
        options.CommandTimeout = ReadDuration(nameof(options.CommandTimeout), options.CommandTimeout);
        options.DataTimeout = ReadDuration(nameof(options.DataTimeout), options.DataTimeout);
        options.MinDataRate = Read(nameof(options.MinDataRate), options.MinDataRate, WholeNumber);
        options.PolicyTimeout = ReadDuration(nameof(options.PolicyTimeout), options.PolicyTimeout);
        options.MaxSessions = Read(nameof(options.MaxSessions), options.MaxSessions, WholeNumber);
        options.MaxSessionsPerAddress = Read(nameof(options.MaxSessionsPerAddress), options.MaxSessionsPerAddress, WholeNumber);
        options.MaxConnectionRatePerAddress = Read(nameof(options.MaxConnectionRatePerAddress), options.MaxConnectionRatePerAddress, WholeNumber);
        options.ConnectionRateInterval = ReadDuration(nameof(options.ConnectionRateInterval), options.ConnectionRateInterval);
        options.ConnectionLimitExemptions = ReadNetworks(nameof(options.ConnectionLimitExemptions)) ?? options.ConnectionLimitExemptions;
        options.MaxErrors = Read(nameof(options.MaxErrors), options.MaxErrors, WholeNumber);
        options.TlsHandshakeTimeout = ReadDuration(nameof(options.TlsHandshakeTimeout), options.TlsHandshakeTimeout);
        options.StopGracePeriod = ReadDuration(nameof(options.StopGracePeriod), options.StopGracePeriod);
        options.ReleaseMemoryWhenIdleFor = ReadDuration(nameof(options.ReleaseMemoryWhenIdleFor), options.ReleaseMemoryWhenIdleFor);
        options.AddTraceHeaders = Read(nameof(options.AddTraceHeaders), options.AddTraceHeaders, "true or false");
        options.BareLineEndings = Text(nameof(options.BareLineEndings)) switch
        {
            null => options.BareLineEndings,
            string text when Enum.TryParse(text, ignoreCase: true, out BareLineEndingHandling handling) && Enum.IsDefined(handling) => handling,
            string text => throw Mistake(nameof(options.BareLineEndings), text, "Reject or Normalize"),
        };
    }

    /// <summary>The text of the setting <paramref name="key"/>; null when it is not given.</summary>
    private string? Text(string key)
    {
        if (_names is not null)
        {
            _names.Add(key);
            return null;
        }

        return section[key];
    }

    private T Read<T>(string key, T current, string kind)
        where T : IParsable<T> => Text(key) switch
        {
            null => current,
            string text when T.TryParse(text, CultureInfo.InvariantCulture, out T? value) => value,
            string text => throw Mistake(key, text, kind),
        };

    /// <summary>
    /// A time written with its colons (<c>00:05:00</c>, <c>1.00:00:00</c>). A bare number is refused: <see cref="TimeSpan"/>
    /// would read <c>2</c> as two days, where whoever wrote it most likely meant seconds, as <c>smtpgen serve</c>'s options
    /// take them.
    /// </summary>
    private TimeSpan ReadDuration(string key, TimeSpan current)
    {
        const string Duration = "a time such as 00:05:00 (hours:minutes:seconds)";
        return Text(key) switch
        {
            null => current,
            string text when text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) => value,
            string text => throw Mistake(key, text, Duration),
        };
    }

    /// <summary>
    /// A list of networks, each in CIDR notation (<c>10.0.0.0/8</c>): a JSON array, or one value of networks separated by
    /// commas (<c>SMTPGEN_Smtp__ConnectionLimitExemptions=10.0.0.0/8,::1/128</c>; an empty value is none); null when neither
    /// is given.
    /// </summary>
    private IPNetwork[]? ReadNetworks(string key)
    {
        const string Network = "a network such as 10.0.0.0/8";
        if (Text(key) is { } list)
        {
            return [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(text => IPNetwork.TryParse(text, out IPNetwork network)
                ? network
                : throw Mistake(key, list, "networks such as 10.0.0.0/8, separated by commas"))];
        }

        IConfigurationSection[] items = _names is null ? [.. section.GetSection(key).GetChildren()] : [];
        return items.Length == 0
            ? null
            : [.. items.Select(item => IPNetwork.TryParse(item.Value, out IPNetwork network)
                ? network
                : throw Mistake(ConfigurationPath.Combine(key, item.Key), item.Value ?? "", Network))];
    }

    /// <summary>The mistake of a value that is not of its setting's kind, naming its key as configuration has it (<c>Smtp:Port</c>).</summary>
    private OptionsValidationException Mistake(string key, string text, string kind)
    {
        string path = section is IConfigurationSection named ? ConfigurationPath.Combine(named.Path, key) : key;
        return new OptionsValidationException(Options.DefaultName, typeof(SmtpServerOptions), [$"{path} is '{text}', not {kind}"]);
    }
}
