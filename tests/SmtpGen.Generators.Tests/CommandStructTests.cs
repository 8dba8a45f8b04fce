using Microsoft.CodeAnalysis;

namespace SmtpGen.Generators.Tests;

/// <summary>The parsed <c>Command</c> struct, whose captures share fields and whose properties read them by the verb.</summary>
public class CommandStructTests
{
    [Fact]
    public void A_verb_enum_named_like_a_capture_still_compiles_where_the_properties_check_the_verb()
    {
        // The verbs' enum is Name, and OPEN's capture {name} makes a property Name inside the Command struct.
        string definition = Definitions.Toy.Replace("public enum Verb", "public enum Name");

        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(definition));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("_verb is global::Toy.ToyProtocol.Name.Open or global::Toy.ToyProtocol.Name.Login ? _capture0.In(_line) : default", GeneratorHarness.GeneratedSources(result)["Toy.ToyProtocol.Commands.g.cs"], StringComparison.Ordinal);
    }
}
