using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmtpGen.Server;

/// <summary>Adds an SMTP server to a <c>Microsoft.Extensions.Hosting</c> host.</summary>
public static class SmtpServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds an SMTP server that runs as a hosted service. Unless the services already hold them, it adds a
    /// <see cref="MaildirMessageStore"/> in the folder <paramref name="maildir"/> and a policy that accepts
    /// everything; register your own <see cref="IMessageStore"/> or <see cref="SmtpPolicy"/> to replace them. The options
    /// are checked when the host starts: a setting that cannot work stops the start with an
    /// <see cref="OptionsValidationException"/> whose one line names it. Calling it again adds that call's
    /// <paramref name="configure"/> to the options and nothing else: there is one server.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the server's options (address, port, name, limits).</param>
    /// <param name="maildir">The folder of the default Maildir store.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddSmtpServer(this IServiceCollection services, Action<SmtpServerOptions>? configure = null, string maildir = "mail")
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SmtpServerOptions> options = services.AddOptions<SmtpServerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpServerOptions>, SmtpServerOptionsValidator>());
        services.TryAddSingleton<IMessageStore>(provider => new MaildirMessageStore(maildir, provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(SmtpPolicy.AcceptAll);
        services.TryAddSingleton(provider => new SmtpServerMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<SmtpServerHostedService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SmtpServerHostedService>(provider => provider.GetRequiredService<SmtpServerHostedService>()));
        return services;
    }

    /// <summary>
    /// The names of the settings <see cref="AddSmtpServer(IServiceCollection, IConfiguration, Action{SmtpServerOptions}?, string)"/>
    /// reads from its section, the properties of <see cref="SmtpServerOptions"/> that configuration can hold: for an
    /// application that refuses the section's other keys (a misspelt <c>MaxRecipent</c> would leave its limit as it was).
    /// Configuration compares keys ignoring case.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationSettings => SmtpServerOptionsConfiguration.Names;

    /// <summary>
    /// Adds an SMTP server as <see cref="AddSmtpServer(IServiceCollection, Action{SmtpServerOptions}?, string)"/> does, its
    /// options read from <paramref name="configuration"/> first, then set by <paramref name="configure"/>. The section (such
    /// as <c>Smtp</c>) holds the settings by their properties' names: <c>Address</c>, <c>Port</c>, <c>ServerName</c>, the
    /// limits, the times as <c>00:05:00</c>, <c>ConnectionLimitExemptions</c> as a list of networks (or one value of networks
    /// separated by commas, as the environment gives it), <c>BareLineEndings</c>.
    /// The certificate, AUTH, the extensions and a command handler are set in code. A value of the wrong kind stops the
    /// host's start as a setting that cannot work does, in one line that names its key (<c>Smtp:Port is 'x', not a port
    /// number</c>). Other keys are left to the application, which may keep its own there; one that wants a misspelt
    /// setting refused finds the settings in <see cref="ConfigurationSettings"/>, as <c>smtpgen serve</c> does.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration section of the server's options.</param>
    /// <param name="configure">Sets the server's options after the configuration, e.g. from the command line.</param>
    /// <param name="maildir">The folder of the default Maildir store.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddSmtpServer(this IServiceCollection services, IConfiguration configuration, Action<SmtpServerOptions>? configure = null, string maildir = "mail")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConfigureOptions<SmtpServerOptions>>(new SmtpServerOptionsConfiguration(configuration));
        return services.AddSmtpServer(configure, maildir);
    }
}
