using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SmtpGen.Smtp;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen diagram</c> prints SMTP's state diagram as the generator wrote it from the definition; the README shows the same.</summary>
public partial class DiagramCommandTests
{
    [Fact]
    public async Task Diagram_prints_the_Mermaid_state_diagram_generated_from_the_SMTP_definition()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync("diagram");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Equal(SmtpProtocol.StateDiagram + Environment.NewLine, output);
        string[] lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Contains("Ready --> Mail : MAIL", lines);
        Assert.Contains("Recipients --> Data : DATA (intermediate reply)", lines);
    }

    [Fact]
    public void The_README_renders_the_diagram_the_command_prints()
    {
        string readme = File.ReadAllText(RepositoryFile("README.md")).ReplaceLineEndings("\n");

        Match block = MermaidBlock().Match(readme);
        Assert.True(block.Success, "the README has no ```mermaid block");
        Assert.Equal(SmtpProtocol.StateDiagram.ReplaceLineEndings("\n"), block.Groups[1].Value);
    }

    /// <summary>A file of the repository, found from this source file's location.</summary>
    private static string RepositoryFile(string relativePath, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", relativePath);

    [GeneratedRegex("```mermaid\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();
}
