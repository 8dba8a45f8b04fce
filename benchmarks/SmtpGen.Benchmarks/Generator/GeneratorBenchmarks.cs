using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpGen.Generators;

namespace SmtpGen.Benchmarks.Generator;

/// <summary>
/// The generator's own cost on the SMTP definition (<c>src/SmtpGen.Smtp/SmtpProtocol.cs</c>, embedded in this assembly):
/// <c>Cold</c> runs a new <see cref="CSharpGeneratorDriver"/> on a new compilation of the definition, so the generator
/// binds the definition and emits all its files, as a clean build does; <c>Warm</c> runs a driver that has seen the
/// definition on a compilation with an unrelated edit, as an IDE does on each keystroke elsewhere (its outputs come
/// from the cache). The parse of the definition itself is done once, outside the measurement.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private ImmutableArray<MetadataReference> _references;
    private SyntaxTree _definition = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _edited = null!;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        _references = [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(LineProtocolAttribute).Assembly.Location)];
        using Stream resource = typeof(GeneratorBenchmarks).Assembly.GetManifestResourceStream("SmtpProtocol.cs")
            ?? throw new InvalidOperationException("The SMTP definition is not embedded.");
        using var reader = new StreamReader(resource);
        _definition = CSharpSyntaxTree.ParseText(reader.ReadToEnd(), ParseOptions, path: "SmtpProtocol.cs");

        // The parser, writers, replies, state machine, diagram and grammar, and what SMTP's extensions bring.
        GeneratorDriverRunResult result = Cold().GetRunResult();
        if (result.Diagnostics.Length > 0 || !result.GeneratedTrees.Any(t => t.FilePath.EndsWith("SmtpProtocol.Commands.g.cs", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"The generator made {result.GeneratedTrees.Length} files and {result.Diagnostics.Length} diagnostics on the SMTP definition; expected its parser and no diagnostic.");
        }

        CSharpCompilation compilation = Compile();
        _warmDriver = CreateDriver().RunGenerators(compilation);
        _edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", ParseOptions, path: "Unrelated.cs"));
    }

    [Benchmark(Baseline = true, Description = "Cold: new driver, new compilation")]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(Compile());

    [Benchmark(Description = "Warm: unrelated edit, cached outputs")]
    public GeneratorDriver Warm()
    {
        // Alternate between two compilations so that every run sees a change, as an edit does.
        _edits++;
        CSharpCompilation compilation = (_edits & 1) == 0 ? _edited : (CSharpCompilation)_edited.RemoveSyntaxTrees(_edited.SyntaxTrees[^1]);
        _warmDriver = _warmDriver.RunGenerators(compilation);
        return _warmDriver;
    }

    private CSharpCompilation Compile() =>
        CSharpCompilation.Create(
            "SmtpGen.Smtp",
            [_definition],
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static CSharpGeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new LineProtocolGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
}
