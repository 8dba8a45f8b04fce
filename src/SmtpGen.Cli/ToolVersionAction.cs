using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen --version</c>: the tool's informational version (its package version, and the commit it was built
/// from). System.CommandLine's own would tell the version of the program that started the process, which in the
/// tests is the test host.
/// </summary>
internal sealed class ToolVersionAction : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(ToolVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
