using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpGen.Generators.Tests;

/// <summary>
/// The pipeline's cache: unrelated and trivia-only edits must not re-emit, a real change must; and the model
/// must hold no Roslyn object that would defeat that (or keep a compilation alive).
/// </summary>
public class CachingTests
{
    private static readonly string[] TrackedSteps =
        [LineProtocolGenerator.Steps.Parse, LineProtocolGenerator.Steps.Model];

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Definitions.Toy, "namespace Other; public class A { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree other = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            other, CSharpSyntaxTree.ParseText("namespace Other; public class A { public int B; }", GeneratorHarness.ParseOptions, other.FilePath));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            Assert.All(Reasons(run, step), reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {reason}"));
        }
    }

    [Fact]
    public void A_trivia_only_edit_leaves_the_model_unchanged()
    {
        GeneratorRunResult run = RunTwice(Definitions.Toy, Definitions.Toy.Replace("public enum Reply", "// Replies.\n    public enum Reply"));

        Assert.All(Reasons(run, LineProtocolGenerator.Steps.Model), reason => Assert.True(
            reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Model was {reason}"));
    }

    [Fact]
    public void A_new_command_modifies_the_model()
    {
        string withNoop = Definitions.Toy.Replace(
            "        Quit,",
            "        Quit,\n\n        [Command(\"NOOP\", In = [State.Open])]\n        Noop,");
        Assert.NotEqual(Definitions.Toy, withNoop);

        GeneratorRunResult run = RunTwice(Definitions.Toy, withNoop);

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(run, LineProtocolGenerator.Steps.Model));
    }

    [Fact]
    public void A_change_to_one_definition_leaves_another_ones_emission_cached()
    {
        string other = Definitions.Toy.Replace("class ToyProtocol", "class OtherProtocol").Replace("\"TOY\"", "\"OTHER\"");
        Assert.NotEqual(Definitions.Toy, other);
        CSharpCompilation compilation = GeneratorHarness.Compile(Definitions.Toy, other);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree toy = compilation.SyntaxTrees.First();
        string withNoop = Definitions.Toy.Replace("        Quit,", "        Quit,\n\n        [Command(\"NOOP\", In = [State.Open])]\n        Noop,");

        GeneratorRunResult run = driver.RunGenerators(compilation.ReplaceSyntaxTree(toy, CSharpSyntaxTree.ParseText(withNoop, GeneratorHarness.ParseOptions, toy.FilePath)))
            .GetRunResult().Results.Single();

        // The names of the definitions' files are the same: the other definition's model is as before.
        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached],
            Reasons(run, LineProtocolGenerator.Steps.Generated).Order());
    }

    [Fact]
    public void A_definition_that_loses_its_model_leaves_another_ones_emission_cached()
    {
        string other = Definitions.Toy.Replace("class ToyProtocol", "class OtherProtocol").Replace("\"TOY\"", "\"OTHER\"");
        CSharpCompilation compilation = GeneratorHarness.Compile(Definitions.Toy, other);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree toy = compilation.SyntaxTrees.First();
        string notPartial = Definitions.Toy.Replace("static partial class ToyProtocol", "static class ToyProtocol");
        Assert.NotEqual(Definitions.Toy, notPartial);

        GeneratorDriverRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(toy, CSharpSyntaxTree.ParseText(notPartial, GeneratorHarness.ParseOptions, toy.FilePath)))
            .GetRunResult();

        // The toy's model is gone, and with it a file name, so the other definition's step ran: its output, the
        // model as before, is unchanged, and nothing is emitted again.
        Assert.Contains(result.Diagnostics, diagnostic => diagnostic.Id == "SMTPGEN001");
        Assert.Equal(
            [IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Removed],
            Reasons(result.Results.Single(), LineProtocolGenerator.Steps.Generated).Order());
    }

    [Fact]
    public void The_model_holds_no_symbol_syntax_location_or_compilation()
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorHarness.RepositoryFile("src/SmtpGen.Smtp/SmtpProtocol.cs")));
        IncrementalGeneratorRunStep step = result.Results.Single().TrackedSteps[LineProtocolGenerator.Steps.Parse].Single();
        object parseResult = step.Outputs.Single().Value;

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int walked = Walk(parseResult, "ParseResult", visited);

        Assert.True(walked > 100, $"walked only {walked} objects: the walk does not reach the model");
    }

    private static int Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null or string or DiagnosticDescriptor || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return 0;
        }

        Type type = value.GetType();
        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or Compilation,
            $"{path} holds a {type.Name}");
        int count = 1;
        if (value is IEnumerable items)
        {
            // A collection is walked through its items; its own properties are bookkeeping.
            int i = 0;
            foreach (object? item in items)
            {
                count += Walk(item, $"{path}[{i++}]", visited);
            }

            return count;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                count += Walk(property.GetValue(value), $"{path}.{property.Name}", visited);
            }
        }

        return count;
    }

    private static GeneratorRunResult RunTwice(string before, string after)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(before);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(after, GeneratorHarness.ParseOptions, tree.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    internal static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
