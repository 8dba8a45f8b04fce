using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpGen.Generators.Tests;

/// <summary>
/// Definitions that extend another: LMTP beside SMTP in one compilation, XCLIENT on SMTP read from the
/// SmtpGen.Smtp assembly's metadata. Their generated code against reviewed snapshots, and the cache.
/// </summary>
public class ExtensionTests
{
    private static readonly string[] Parts = ["Enums", "Commands", "Writers", "Replies", "StateMachine", "StateDiagram", "Grammar", "Extensions", "Parameters", "Choices"];

    public static TheoryData<string> PartNames => new(Parts);

    [Theory]
    [MemberData(nameof(PartNames))]
    public void Lmtp_extends_smtp_in_the_same_compilation(string part)
    {
        Dictionary<string, string> sources = Generate(LmtpCompilation());
        Snapshot.Verify(sources[$"SmtpGen.Smtp.LmtpProtocol.{part}.g.cs"], $"Lmtp.{part}");
    }

    [Theory]
    [MemberData(nameof(PartNames))]
    public void Xclient_extends_smtp_from_metadata(string part)
    {
        Dictionary<string, string> sources = Generate(XclientCompilation());
        Snapshot.Verify(sources[$"SmtpGen.Protocols.Tests.Xclient.XclientProtocol.{part}.g.cs"], $"Xclient.{part}");
    }

    [Fact]
    public void A_base_in_the_same_compilation_is_generated_as_it_was()
    {
        Dictionary<string, string> alone = Generate(GeneratorHarness.Compile(SmtpDefinition));
        Dictionary<string, string> extended = Generate(LmtpCompilation());

        foreach ((string hintName, string source) in alone)
        {
            Assert.Equal(source, extended[hintName]);
        }
    }

    [Fact]
    public void An_unrelated_edit_leaves_an_extension_from_metadata_cached()
    {
        CSharpCompilation compilation = XclientCompilation().AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Other; public class A { }", GeneratorHarness.ParseOptions, "Other.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, CSharpSyntaxTree.ParseText("namespace Other; public class A { public int B; }", GeneratorHarness.ParseOptions, other.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(CachingTests.Reasons(run, LineProtocolGenerator.Steps.Model), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Model was {reason}"));
    }

    [Fact]
    public void A_trivia_edit_of_an_extension_leaves_its_model_unchanged_and_a_new_command_modifies_it()
    {
        string definition = XclientDefinition;
        Assert.All(
            EditXclient(definition.Replace("public enum Replies", "// More replies.\n    public enum Replies")),
            reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Model was {reason}"));
        Assert.Equal(
            [IncrementalStepRunReason.Modified],
            EditXclient(definition.Replace("        Xclient,", "        Xclient,\n\n        [Command(\"XFORWARD {attributes:Parameters}\")]\n        Xforward,")));
    }

    [Fact]
    public void An_edit_of_a_base_in_the_same_compilation_modifies_the_extension()
    {
        CSharpCompilation compilation = LmtpCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree smtp = compilation.SyntaxTrees.First();
        string edited = SmtpDefinition.Replace("[Reply(252, \"2.0.0\", \"Cannot VRFY user", "[Reply(252, \"2.0.0\", \"Will not VRFY user");
        Assert.NotEqual(SmtpDefinition, edited);

        GeneratorRunResult run = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            smtp, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, smtp.FilePath))).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Modified], CachingTests.Reasons(run, LineProtocolGenerator.Steps.Model));
    }

    [Fact]
    public void A_definition_extends_one_that_itself_extends_another_from_metadata()
    {
        // LMTP, compiled into SmtpGen.Smtp, has generated enums beside its own: they are no part of its definition.
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Chain;

            [LineProtocol("LMTP+PING", Extends = typeof(LmtpProtocol))]
            public static partial class PingLmtp
            {
                public enum Added
                {
                    [Command("PING", In = [SmtpProtocol.State.Ready])]
                    Ping,
                }
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string enums = GeneratorHarness.GeneratedSources(result)["Chain.PingLmtp.Enums.g.cs"];
        Assert.Contains("Lhlo = 14,", enums, StringComparison.Ordinal);
        Assert.Contains("Ping = 15,", enums, StringComparison.Ordinal);
        Assert.DoesNotContain("Ehlo", enums, StringComparison.Ordinal);
        Assert.Contains("Closed = 5,", enums, StringComparison.Ordinal);
        Assert.DoesNotContain("Lhlo = ", enums[enums.IndexOf("enum State", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_that_replaces_several_stands_where_the_first_stood()
    {
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Order;

            [LineProtocol("HELLO", Extends = typeof(SmtpProtocol))]
            public static partial class HelloProtocol
            {
                public enum Added
                {
                    [Command("HI {domain:DomainOrAddressLiteral}", Replaces = [SmtpProtocol.Verb.Helo, SmtpProtocol.Verb.Ehlo])]
                    Hi,
                }
            }
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        string enums = GeneratorHarness.GeneratedSources(result)["Order.HelloProtocol.Enums.g.cs"];
        Assert.True(enums.IndexOf("Hi = ", StringComparison.Ordinal) < enums.IndexOf("Mail = ", StringComparison.Ordinal), enums);
    }

    [Theory]
    [InlineData("CHUNK {chunkSize:Octets}[ {last:Last=LAST}]", "outcome == global::SmtpGen.ReplyOutcome.Positive && command.Verb == Verb.Chunk && !command.HasLast ? state")]
    [InlineData("CHUNK {chunkSize:Octets}", "Next(state, command.Verb, outcome);")]
    public void A_command_that_replaces_BDAT_keeps_ThenOnlyWith_where_its_pattern_has_that_capture(string pattern, string next)
    {
        string definition = $$"""
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Chunks;

            [LineProtocol("CHUNKS", Extends = typeof(SmtpProtocol))]
            public static partial class ChunkProtocol
            {
                public enum Added
                {
                    [Command("{{pattern}}", Replaces = [SmtpProtocol.Verb.Bdat])]
                    Chunk,
                }
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(next, GeneratorHarness.GeneratedSources(result)["Chunks.ChunkProtocol.StateMachine.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_removes_every_command_still_compiles_without_warnings()
    {
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Empty;

            [LineProtocol("NONE", Extends = typeof(SmtpProtocol), Removes = [SmtpProtocol.Verb.Ehlo, SmtpProtocol.Verb.Helo, SmtpProtocol.Verb.Mail,
                SmtpProtocol.Verb.Rcpt, SmtpProtocol.Verb.Data, SmtpProtocol.Verb.Rset, SmtpProtocol.Verb.Vrfy, SmtpProtocol.Verb.Expn,
                SmtpProtocol.Verb.Help, SmtpProtocol.Verb.Noop, SmtpProtocol.Verb.Quit])]
            public static partial class NoneProtocol;
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Assert.Equal(["SMTPGEN008", "SMTPGEN008", "SMTPGEN008", "SMTPGEN008", "SMTPGEN008"], result.Diagnostics.Select(d => d.Id));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("SMTPGEN", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_definition_without_enhanced_status_codes_takes_the_bases_replies_without_theirs()
    {
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Plain;

            [LineProtocol("PLAIN", Extends = typeof(SmtpProtocol), EnhancedStatusCodes = false)]
            public static partial class PlainProtocol;
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Dictionary<string, string> sources = GeneratorHarness.GeneratedSources(result);
        string replies = sources["Plain.PlainProtocol.Replies.g.cs"];
        Assert.Contains("""Reply.SenderOk => "250 OK\r\n"u8,""", replies, StringComparison.Ordinal);
        Assert.DoesNotContain("2.1.0", replies, StringComparison.Ordinal);
        Assert.DoesNotContain("bool enhancedStatusCode", replies, StringComparison.Ordinal);
        Assert.Contains("/// <summary>250 OK. See ", sources["Plain.PlainProtocol.Enums.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_named_like_one_on_a_bases_extension_line_is_reported_with_that_line()
    {
        const string definition = """
            using SmtpGen;
            using SmtpGen.Smtp;

            namespace Clash;

            [LineProtocol("CLASH", Extends = typeof(SmtpProtocol))]
            public static partial class ClashProtocol
            {
                public enum Added
                {
                    [Extension("XFOUR {mechanisms:Atom}")]
                    XFour,
                }
            }
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile([definition], [GeneratorHarness.SmtpAssembly]));

        Diagnostic clash = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN017", clash.Id);
        Assert.Equal(
            "The name 'mechanisms' in \"XFOUR {mechanisms:Atom}\" is captured on \"AUTH {mechanisms:SaslMechanism...}\" too, and the captures of all extensions' lines are the parameters of one method",
            clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Lmtp")]
    [InlineData("Xclient")]
    public void Generated_code_compiles_without_warnings(string which)
    {
        CSharpCompilation compilation = which == "Lmtp" ? LmtpCompilation() : XclientCompilation();
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(compilation);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static string SmtpDefinition => GeneratorHarness.RepositoryFile("src/SmtpGen.Smtp/SmtpProtocol.cs");

    private static string XclientDefinition => GeneratorHarness.RepositoryFile("tests/SmtpGen.Protocols.Tests/Xclient/XclientProtocol.cs");

    private static CSharpCompilation LmtpCompilation() =>
        GeneratorHarness.Compile(SmtpDefinition, GeneratorHarness.RepositoryFile("src/SmtpGen.Smtp/LmtpProtocol.cs"));

    private static CSharpCompilation XclientCompilation(string? definition = null) =>
        GeneratorHarness.Compile([definition ?? XclientDefinition], [GeneratorHarness.SmtpAssembly]);

    private static IncrementalStepRunReason[] EditXclient(string edited)
    {
        CSharpCompilation compilation = XclientCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        GeneratorRunResult run = driver.RunGenerators(compilation.ReplaceSyntaxTree(
            tree, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, tree.FilePath))).GetRunResult().Results.Single();
        return CachingTests.Reasons(run, LineProtocolGenerator.Steps.Model);
    }

    private static Dictionary<string, string> Generate(CSharpCompilation compilation)
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(compilation);
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.GeneratedSources(result);
    }
}
