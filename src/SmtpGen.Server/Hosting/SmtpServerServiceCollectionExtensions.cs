using System.Diagnostics.Metrics;
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
    /// everything; register your own <see cref="IMessageStore"/> or <see cref="SmtpPolicy"/> to replace them.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the server's options (end point, name, limits).</param>
    /// <param name="maildir">The folder of the default Maildir store.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddSmtpServer(this IServiceCollection services, Action<SmtpServerOptions>? configure = null, string maildir = "mail")
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SmtpServerOptions> options = services.AddOptions<SmtpServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(settings =>
        {
            settings.Validate();
            return true;
        });
        services.TryAddSingleton<IMessageStore>(provider => new MaildirMessageStore(maildir, provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(SmtpPolicy.AcceptAll);
        services.TryAddSingleton(provider => new SmtpServerMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<SmtpServerHostedService>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<SmtpServerHostedService>());
        return services;
    }
}
