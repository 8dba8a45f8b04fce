using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography.X509Certificates;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// A client's TLS options, the same for <c>send</c> and <c>load</c>: <c>--starttls</c>, <c>--implicit-tls</c> and
/// <c>--trust</c>, and the rule that the first two do not go together.
/// </summary>
internal sealed class ClientTlsOptions
{
    private readonly Option<StartTlsMode?> _startTls;
    private readonly Option<bool> _implicitTls = new("--implicit-tls") { Description = "Start with TLS (RFC 8314, port 465 style) instead of STARTTLS" };
    private readonly Option<string> _trust = PathOptions.ExistingFile(
        "--trust", "Trust the server's certificate, or the authorities that signed it, from this file (every certificate of a PEM file, or one in DER) instead of the system's authorities");

    /// <param name="startTlsDefault">What <c>--starttls</c> does when not given, for its help.</param>
    public ClientTlsOptions(string startTlsDefault) =>
        _startTls = CheckedOption.Choice<StartTlsMode?>(
            "--starttls",
            $"STARTTLS (RFC 3207): required (no TLS, no message), opportunistic (when offered) or never. Default: {startTlsDefault}",
            [("required", StartTlsMode.Required), ("opportunistic", StartTlsMode.Opportunistic), ("never", StartTlsMode.Never)]);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_startTls);
        command.Options.Add(_implicitTls);
        command.Options.Add(_trust);
    }

    /// <summary>What is wrong with the options given together, or null.</summary>
    public string? Mistake(CommandResult result) =>
        result.Gives(_implicitTls) && result.Gives(_startTls) ? "--implicit-tls starts with TLS: --starttls does not go with it" : null;

    /// <summary>How STARTTLS is used: as <c>--starttls</c> says, or null for the client's default.</summary>
    public StartTlsMode? StartTls(ParseResult parsed) => parsed.GetValue(_startTls);

    /// <summary>Whether the connection starts with TLS.</summary>
    public bool ImplicitTls(ParseResult parsed) => parsed.GetValue(_implicitTls);

    /// <summary>The chain policy that trusts <c>--trust</c>'s certificates, or null for the system's authorities.</summary>
    /// <exception cref="InvalidOperationException">The file holds no certificate (the message names it).</exception>
    public X509ChainPolicy? ServerCertificateChainPolicy(ParseResult parsed) =>
        parsed.GetValue(_trust) is { } trust ? TlsFiles.TrustOnly(trust) : null;
}
