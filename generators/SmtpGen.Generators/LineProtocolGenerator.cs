using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpGen.Generators.Emitting;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators;

/// <summary>
/// Generates a line protocol's parsers, writers, reply tables, state machine and state diagram from its
/// <c>[LineProtocol]</c> definition.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LineProtocolGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for the caching tests.</summary>
    public static class Steps
    {
        public const string Parse = nameof(Parse);
        public const string Model = nameof(Model);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Generated = nameof(Generated);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ProtocolParser.LineProtocolAttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                ProtocolParser.Parse)
            .WithTrackingName(Steps.Parse);

        IncrementalValuesProvider<ProtocolModel> models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(Steps.Model);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(Steps.Diagnostics);

        // The generated files are named after each definition's full name, and their names are compared ignoring case:
        // of two definitions whose names differ only in case, the first in ordinal order is generated, the other
        // reported at its class name. The emission sees the names alone, so that moving a class leaves it cached.
        IncrementalValueProvider<EquatableArray<string>> fileNames = models
            .Select(static (model, _) => ProtocolEmitter.FilePrefix(model))
            .Collect()
            .Select(static (names, _) => names.Sort(System.StringComparer.Ordinal).ToEquatableArray());

        // Only the definition itself decides whether it is emitted again: one that gains or loses a model changes
        // the names, and every other definition's step runs, but its output is the model as before, still cached.
        IncrementalValuesProvider<ProtocolModel> generated = models
            .Combine(fileNames)
            .Where(static pair => !FileNames.IsTaken(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(Steps.Generated);

        context.RegisterSourceOutput(generated, static (output, model) =>
        {
            foreach ((string hintName, string source) in ProtocolEmitter.Emit(model))
            {
                output.AddSource(hintName, source);
            }
        });

        IncrementalValuesProvider<DiagnosticInfo> caseClashes = results
            .Where(static result => result.Model is not null)
            .Combine(fileNames)
            .Where(static pair => FileNames.IsTaken(pair.Left.Model!, pair.Right))
            .Select(static (pair, _) => new DiagnosticInfo(DiagnosticDescriptors.FullNamesDifferInCase, pair.Left.Name, new[] { pair.Left.Model!.FullName }.ToEquatableArray()));

        context.RegisterSourceOutput(caseClashes.Combine(context.CompilationProvider), static (output, pair) =>
            output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));

        // Locations are rebuilt against the current compilation so that diagnostics land in the real syntax tree.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (DiagnosticInfo diagnostic in pair.Left)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            }
        });
    }
}
