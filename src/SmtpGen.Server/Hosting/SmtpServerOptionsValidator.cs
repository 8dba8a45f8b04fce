using Microsoft.Extensions.Options;

namespace SmtpGen.Server;

/// <summary>
/// Checks a host's <see cref="SmtpServerOptions"/>, bound from configuration or set in code, as the host starts
/// (<c>ValidateOnStart</c>): a setting that cannot work stops the start with one line that names it, as
/// <see cref="SmtpServerOptions.Validate"/> would throw it.
/// </summary>
internal sealed class SmtpServerOptionsValidator : IValidateOptions<SmtpServerOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpServerOptions options) =>
        options.FindMistake() is { } mistake ? ValidateOptionsResult.Fail(mistake.Message) : ValidateOptionsResult.Success;
}
