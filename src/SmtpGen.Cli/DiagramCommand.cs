using System.CommandLine;
using SmtpGen.Smtp;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen diagram</c>: prints SMTP's state machine as a Mermaid state diagram, the one the generator wrote from the
/// definition's states and transitions at build time (<see cref="SmtpProtocol.StateDiagram"/>).
/// </summary>
internal sealed class DiagramCommand : Command
{
    public DiagramCommand()
        : base("diagram", "Print SMTP's state machine as a Mermaid state diagram, generated from its definition")
    {
        SetAction(parsed =>
        {
            parsed.InvocationConfiguration.Output.WriteLine(SmtpProtocol.StateDiagram);
            return 0;
        });
    }
}
