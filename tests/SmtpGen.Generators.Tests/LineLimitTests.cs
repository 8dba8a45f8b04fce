using Microsoft.CodeAnalysis;

namespace SmtpGen.Generators.Tests;

/// <summary>
/// <c>[Parameter(..., ExtendsLineBy = N)]</c>: each command's line may be as long as the protocol's
/// <c>MaxCommandLine</c> and what the parameters it carries add, as the extensions' RFCs say (RFC 1870's 26 octets
/// for SIZE, RFC 4954's 500 for AUTH, RFC 3461's 530 for RCPT's NOTIFY and ORCPT).
/// </summary>
public class LineLimitTests
{
    [Fact]
    public void A_parameter_declared_in_another_assembly_lengthens_the_line_of_the_base_command_it_names()
    {
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Tagged;

            [LineProtocol("SMTP+XTAG", Extends = typeof(SmtpProtocol))]
            public static partial class TaggedProtocol
            {
                public enum Added
                {
                    [Extension("XTAG")]
                    [Parameter("XTAG={tag:Atom}", Of = [SmtpProtocol.Verb.Mail], ExtendsLineBy = 40)]
                    Xtag,
                }
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string commands = GeneratorHarness.GeneratedSources(result)["Tagged.TaggedProtocol.Commands.g.cs"];

        // SMTP's own MAIL line (1180: 512, SIZE 26, BODY 16, SMTPUTF8 10, AUTH 500, RET 9, ENVID 107) and XTAG's 40.
        Assert.Contains("public const int MaxMailLine = 1220;", commands, StringComparison.Ordinal);
        Assert.Contains("(SIZE 26, BODY 16, SMTPUTF8 10, AUTH 500, RET 9, ENVID 107, XTAG 40)", commands, StringComparison.Ordinal);
        Assert.Contains("public const int MaxRcptLine = 1042;", commands, StringComparison.Ordinal);
        Assert.Contains("public const int LongestCommandLine = 1220;", commands, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_parameter_that_lengthens_a_line_every_command_has_the_protocol_limit_and_no_check_of_its_own()
    {
        const string definition = """
            using SmtpGen;

            namespace Plain;

            [LineProtocol("PLAIN", MaxCommandLine = 100)]
            public static partial class PlainProtocol
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb
                {
                    [Command("OPEN {name:Atom}[ {options:Parameters}]")] Open,
                    [Command("QUIT", Then = State.Closed)] Quit,
                }

                public enum Extension
                {
                    [Extension("MARK")] [Parameter("MARK", Of = [Verb.Open])] Mark,
                }

                public enum Reply { [Reply(250, "OK")] Ok }
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(definition));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string commands = GeneratorHarness.GeneratedSources(result)["Plain.PlainProtocol.Commands.g.cs"];
        Assert.Contains("public const int LongestCommandLine = 100;", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxOpenLine", commands, StringComparison.Ordinal);
        Assert.DoesNotContain("CommandStatus.LineTooLong", commands, StringComparison.Ordinal);
    }
}
