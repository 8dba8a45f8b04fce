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

        context.RegisterSourceOutput(models, static (output, model) =>
        {
            foreach ((string hintName, string source) in ProtocolEmitter.Emit(model))
            {
                output.AddSource(hintName, source);
            }
        });

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
