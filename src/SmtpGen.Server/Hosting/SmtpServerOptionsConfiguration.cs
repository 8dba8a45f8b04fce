using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SmtpGen.Server;

/// <summary>
/// Sets <see cref="SmtpServerOptions"/> from a configuration section (<c>Smtp</c>: <c>Smtp:Port</c> in a JSON file,
/// <c>SMTPGEN_Smtp__Port</c> in the environment): each setting that configuration can hold, under its property's name, read
/// without reflection so that it trims and compiles ahead of time. The certificate, AUTH, the extensions and a command
/// handler are objects that code sets. A value that is not of its setting's kind, or a key that is no setting (a
/// misspelt <c>MaxRecipent</c> would otherwise leave its limit as it was), stops the host's start as a setting that
/// cannot work does: with an <see cref="OptionsValidationException"/> whose one line names its key.
/// </summary>
internal sealed class SmtpServerOptionsConfiguration(IConfiguration section) : IConfigureOptions<SmtpServerOptions>
{
    private const string WholeNumber = "a whole number";
    private const string Duration = "a time such as 00:05:00 (hours:minutes:seconds)";

    /// <summary>The keys that name settings, as each is read; configuration's keys are compared ignoring case.</summary>
    private readonly HashSet<string> _settings = new(StringComparer.OrdinalIgnoreCase);

    public void Configure(SmtpServerOptions options)
    {
        options.Address = Text(nameof(options.Address)) ?? options.Address;
        options.Port = Read(nameof(options.Port), options.Port, "a port number");
        options.ServerName = Text(nameof(options.ServerName)) ?? options.ServerName;
        options.MaxCommandLineLength = Read(nameof(options.MaxCommandLineLength), options.MaxCommandLineLength, WholeNumber);
        options.MaxTextLineLength = Read(nameof(options.MaxTextLineLength), options.MaxTextLineLength, WholeNumber);
        options.MaxMessageSize = Read(nameof(options.MaxMessageSize), options.MaxMessageSize, WholeNumber);
        options.MaxRecipients = Read(nameof(options.MaxRecipients), options.MaxRecipients, WholeNumber);
        options.CommandTimeout = Read(nameof(options.CommandTimeout), options.CommandTimeout, Duration);
        options.DataTimeout = Read(nameof(options.DataTimeout), options.DataTimeout, Duration);
        options.MinDataRate = Read(nameof(options.MinDataRate), options.MinDataRate, WholeNumber);
        options.MaxSessions = Read(nameof(options.MaxSessions), options.MaxSessions, WholeNumber);
        options.MaxSessionsPerAddress = Read(nameof(options.MaxSessionsPerAddress), options.MaxSessionsPerAddress, WholeNumber);
        options.MaxConnectionRatePerAddress = Read(nameof(options.MaxConnectionRatePerAddress), options.MaxConnectionRatePerAddress, WholeNumber);
        options.ConnectionRateInterval = Read(nameof(options.ConnectionRateInterval), options.ConnectionRateInterval, Duration);
        options.ConnectionLimitExemptions = ReadNetworks(nameof(options.ConnectionLimitExemptions)) ?? options.ConnectionLimitExemptions;
        options.MaxErrors = Read(nameof(options.MaxErrors), options.MaxErrors, WholeNumber);
        options.TlsHandshakeTimeout = Read(nameof(options.TlsHandshakeTimeout), options.TlsHandshakeTimeout, Duration);
        options.StopGracePeriod = Read(nameof(options.StopGracePeriod), options.StopGracePeriod, Duration);
        options.ReleaseMemoryWhenIdleFor = Read(nameof(options.ReleaseMemoryWhenIdleFor), options.ReleaseMemoryWhenIdleFor, Duration);
        options.AddTraceHeaders = Read(nameof(options.AddTraceHeaders), options.AddTraceHeaders, "true or false");
        options.BareLineEndings = Text(nameof(options.BareLineEndings)) switch
        {
            null => options.BareLineEndings,
            string text when Enum.TryParse(text, ignoreCase: true, out BareLineEndingHandling handling) && Enum.IsDefined(handling) => handling,
            string text => throw Mistake(nameof(options.BareLineEndings), text, "Reject or Normalize"),
        };

        foreach (IConfigurationSection given in section.GetChildren())
        {
            if (!_settings.Contains(given.Key))
            {
                throw Refusal($"{PathOf(given.Key)} is no setting of the server's; its settings are {string.Join(", ", _settings)}");
            }
        }
    }

    /// <summary>The text of the setting <paramref name="key"/>; null when it is not given.</summary>
    private string? Text(string key)
    {
        _settings.Add(key);
        return section[key];
    }

    private T Read<T>(string key, T current, string kind)
        where T : IParsable<T> => Text(key) switch
        {
            null => current,
            string text when T.TryParse(text, CultureInfo.InvariantCulture, out T? value) => value,
            string text => throw Mistake(key, text, kind),
        };

    /// <summary>A list of networks, each in CIDR notation (<c>10.0.0.0/8</c>); null when the section has none.</summary>
    private IPNetwork[]? ReadNetworks(string key)
    {
        _settings.Add(key);
        IConfigurationSection[] items = [.. section.GetSection(key).GetChildren()];
        return items.Length == 0
            ? null
            : [.. items.Select(item => IPNetwork.TryParse(item.Value, out IPNetwork network)
                ? network
                : throw Mistake(ConfigurationPath.Combine(key, item.Key), item.Value ?? "", "a network such as 10.0.0.0/8"))];
    }

    /// <summary>The mistake of a value that is not of its setting's kind, naming its key as configuration has it (<c>Smtp:Port</c>).</summary>
    private OptionsValidationException Mistake(string key, string text, string kind) => Refusal($"{PathOf(key)} is '{text}', not {kind}");

    /// <summary>A key as configuration names it, with the section's path (<c>Smtp:Port</c>).</summary>
    private string PathOf(string key) => section is IConfigurationSection named ? ConfigurationPath.Combine(named.Path, key) : key;

    private static OptionsValidationException Refusal(string failure) =>
        new(Options.DefaultName, typeof(SmtpServerOptions), [failure]);
}
