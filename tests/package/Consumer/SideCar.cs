using SmtpGen;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// A side-car definition that reuses SMTP's states, from the package's metadata, for a command of its own. Most of
/// SMTP's states are unreachable in its own machine; the warning about them points at <c>States = ...</c> in this
/// file, so <c>#pragma</c> silences it (this project treats warnings as errors: it would not build otherwise).
/// </summary>
#pragma warning disable SMTPGEN008 // Unreachable state: this side-car only has the one command.
[LineProtocol("SIDECAR", States = typeof(SmtpProtocol.State))]
#pragma warning restore SMTPGEN008
public static partial class SideCarProtocol
{
    public enum Verb
    {
        [Command("PING", In = [SmtpProtocol.State.Connected])]
        Ping,
    }
}
