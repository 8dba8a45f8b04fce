using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpGen.Generators;

namespace SmtpGen.Generators.Tests;

/// <summary>Compiles definitions in memory and runs the generator over them, tracking its steps.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(LineProtocolAttribute).Assembly.Location)];

    /// <summary>The SmtpGen.Smtp assembly, whose SMTP definition a definition under test may extend from metadata.</summary>
    public static readonly MetadataReference SmtpAssembly = MetadataReference.CreateFromFile(typeof(SmtpGen.Smtp.SmtpProtocol).Assembly.Location);

    public static CSharpCompilation Compile(params string[] sources) => Compile(sources, []);

    public static CSharpCompilation Compile(string[] sources, MetadataReference[] references) =>
        CSharpCompilation.Create(
            "Definitions",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Definition{i}.cs")),
            [.. References, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver that parses the generated code with <paramref name="parseOptions"/> (<see cref="ParseOptions"/> when null).</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new LineProtocolGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator once; returns its result and the compilation with the generated code added, parsed with
    /// <paramref name="parseOptions"/> (e.g. with its XML documentation checked) or <see cref="ParseOptions"/>.
    /// </summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(Compilation compilation, CSharpParseOptions? parseOptions = null)
    {
        GeneratorDriver driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generated files by hint name.</summary>
    public static Dictionary<string, string> GeneratedSources(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>A file of the repository, found from this source file's location.</summary>
    public static string RepositoryFile(string relativePath, [System.Runtime.CompilerServices.CallerFilePath] string caller = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", relativePath));
}
