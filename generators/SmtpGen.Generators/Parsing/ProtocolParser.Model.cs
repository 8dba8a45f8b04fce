using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

internal sealed partial class ProtocolParser
{
    /// <summary>Members that generated code declares in every definition.</summary>
    private static readonly string[] GeneratedMembers =
    [
        "MaxCommandLine", "LongestCommandLine", "Command", "TryParseCommand", "WriteCommand", "GetVerbName", "InitialState", "IsAllowed", "Next", "StateDiagram",
        "MaxReplyLine", "ReplySyntax", "TryParseReplyLine", "CreateReplyAccumulator", "GetReplyBytes", "GetReplyCode", "GetReplyOutcome", "IsFixedReply", "WriteReply",
        "Extensions", "Capabilities", "FormatExtensionLines", "TryGetExtension", "IsOffered", "HasResponseBody", "Grammar",
    ];

    /// <summary>The enums that generated code declares in a definition that extends another.</summary>
    private static readonly string[] GeneratedEnums = ["Verb", "State", "Reply", "Extension"];

    /// <summary>
    /// Checks that no name the generated code declares is taken: by the definition itself (a member may not have
    /// its type's name) or by a member of the user's. A command whose writer's or parser's name is taken is
    /// dropped; any other clash leaves nothing to generate.
    /// </summary>
    private bool CheckNames(Definition definition, ClassDeclarationSyntax syntax)
    {
        var taken = new Dictionary<string, string>();
        foreach (string name in GeneratedMembers)
        {
            taken[name] = "generated for every protocol";
        }

        if (definition.Extends)
        {
            foreach (string name in GeneratedEnums)
            {
                taken[name] = $"the protocol's whole enum, with the base's members";
            }
        }

        foreach (ReplyDraft reply in definition.Replies)
        {
            if (reply.Model is { IsFixed: false })
            {
                taken["Write" + reply.Member + "Reply"] = $"the writer of the reply '{reply.Member}'";
                taken["TryRead" + reply.Member + "Reply"] = $"the reader of the reply '{reply.Member}'";
            }
        }

        foreach (CommandParametersModel parameters in definition.CommandParameters)
        {
            foreach (string name in new[] { parameters.Command + "Parameters", "TryRead" + parameters.Command + "Parameters", "Format" + parameters.Command + "Parameters" })
            {
                taken[name] = $"for the parameters of '{parameters.Command}'";
            }

            foreach (ParameterModel parameter in parameters.Parameters.Where(static p => p.Form == ParameterForm.Choice))
            {
                taken[parameter.PropertyName + "Values"] = $"the values of the parameter {parameter.Keyword}";
            }
        }

        foreach (CommandDraft command in definition.Commands)
        {
            foreach (CaptureModel capture in PatternWalker.Captures(command.Tail).Where(static c => c.Kind.Choices.Count > 0))
            {
                taken[capture.PropertyName + "Values"] = $"the values of the capture {{{capture.Name}}}";
            }
        }

        foreach (ListModel list in ListsOf(definition))
        {
            taken[list.PropertyName + "List"] = $"the list of the repeated capture {{{char.ToLowerInvariant(list.PropertyName[0]) + list.PropertyName.Substring(1)}}}";
        }

        bool valid = true;
        if (taken.TryGetValue(definition.Type.Name, out string? why))
        {
            Report(DiagnosticDescriptors.NameTaken, syntax.Identifier.GetLocation(), definition.Type.Name, definition.Type.Name, why);
            valid = false;
        }

        foreach (ISymbol member in definition.Type.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && taken.TryGetValue(member.Name, out why))
            {
                Report(DiagnosticDescriptors.NameTaken, member.Locations.FirstOrDefault(), member.Name, definition.Type.Name, why);
                valid = false;
            }
        }

        var userMembers = new HashSet<string>(definition.Type.GetMembers().Where(static m => !m.IsImplicitlyDeclared).Select(static m => m.Name));
        var replyWriters = new HashSet<string>(definition.Replies.Where(static r => r.Model is { IsFixed: false }).Select(static r => "Write" + r.Member + "Reply"));
        definition.Commands.RemoveAll(command =>
        {
            foreach ((string name, string what) in CommandMembers(definition, command))
            {
                bool generatedForEvery = System.Array.IndexOf(GeneratedMembers, name) >= 0;
                if (userMembers.Contains(name) || name == definition.Type.Name || replyWriters.Contains(name) || generatedForEvery)
                {
                    Report(
                        DiagnosticDescriptors.NameTaken,
                        definition.Type.GetMembers(name).FirstOrDefault()?.Locations.FirstOrDefault()
                            ?? (command.Attribute is { } own ? _locations.Attribute(own) : null)
                            ?? syntax.Identifier.GetLocation(),
                        name,
                        definition.Type.Name,
                        generatedForEvery ? $"{what} of the command '{command.Member}', and a member generated for every protocol" : $"{what} of the command '{command.Member}'");
                    return true;
                }
            }

            return false;
        });

        return valid;
    }

    /// <summary>
    /// The members generated for one command: its writer, its parser and, when its parameters lengthen its line, its line
    /// limit (<c>Max{Command}Line</c>).
    /// </summary>
    private static IEnumerable<(string Name, string What)> CommandMembers(Definition definition, CommandDraft command)
    {
        yield return ("Write" + command.Member, "the writer");
        yield return ("Parse" + command.Member, "the parser");
        if (definition.CommandParameters.Any(p => p.Command == command.Member && p.Parameters.Any(static x => x.ExtendsLineBy > 0)))
        {
            yield return ("Max" + command.Member + "Line", "the line limit");
        }
    }

    private static ProtocolModel ToModel(Definition definition)
    {
        INamedTypeSymbol type = definition.Type;
        bool generated = definition.Extends;
        List<CommandModel> commands = definition.Commands.ConvertAll(static c => c.ToModel());
        List<ReplyModel> replies = definition.Replies.Select(static r => r.Model).OfType<ReplyModel>().ToList();
        string? replyEnum = generated
            ? (definition.Replies.Count > 0 ? "Reply" : null)
            : definition.ReplyEnum?.Name;
        return new ProtocolModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            definition.ProtocolName,
            definition.Base?.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            definition.Options,
            generated ? "State" : StateEnumName(definition),
            generated ? "Verb" : definition.VerbEnum!.Name,
            replyEnum,
            definition.States.Select(static s => s.Name).ToEquatableArray(),
            commands.ToEquatableArray(),
            replies.ToEquatableArray(),
            DistinctCaptures(commands).ToEquatableArray(),
            generated ? EnumsOf(definition).ToEquatableArray() : EquatableArray<EnumModel>.Empty,
            definition.Extensions.Count == 0 ? null : generated ? "Extension" : definition.ExtensionEnum!.Name,
            definition.Extensions.Select(static e => e.Model is { } m ? m with { Value = e.Value } : null).OfType<ExtensionModel>().ToEquatableArray(),
            definition.CommandParameters.ToEquatableArray(),
            ChoicesOf(definition).ToEquatableArray(),
            ListsOf(definition).ToEquatableArray(),
            definition.Statuses.ToEquatableArray());
    }

    /// <summary>A state enum nested in the definition reads best by its simple name; any other needs its full one.</summary>
    private static string StateEnumName(Definition definition) =>
        SymbolEqualityComparer.Default.Equals(definition.StateEnum!.ContainingType, definition.Type)
            ? definition.StateEnum.Name
            : definition.StateEnum.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The whole protocol's enums, which an extending definition generates: the base's members keep their values.</summary>
    private static IEnumerable<EnumModel> EnumsOf(Definition definition)
    {
        string name = definition.ProtocolName;
        yield return new EnumModel("Verb", $"The commands of {name}.", definition.VerbMembers.ToEquatableArray());
        yield return new EnumModel(
            "State",
            $"Where {Emitting.Names.Article(name)} {name} session stands; it starts in {definition.States[0].Name}.",
            definition.States.Select(static s => new EnumMemberModel(s.Name, s.Value, s.IsFinal ? "A final state: the session is over." : "", s.Origin)).ToEquatableArray());
        if (definition.Extensions.Count > 0)
        {
            yield return new EnumModel(
                "Extension",
                $"The service extensions of {name}.",
                definition.Extensions.Select(static e => new EnumMemberModel(e.Member, e.Value, e.Model?.Line ?? "An extension whose definition has a mistake.", e.Origin)).ToEquatableArray());
        }

        if (definition.Replies.Count > 0)
        {
            yield return new EnumModel(
                "Reply",
                $"The fixed replies of {name}.",
                definition.Replies.Select(static r => new EnumMemberModel(
                    r.Member,
                    r.Value,
                    r.Model is { } reply ? reply.WireText : "A reply whose definition has a mistake.",
                    r.Origin)).ToEquatableArray());
        }
    }

    /// <summary>
    /// The choices of values, each once by name: those of the commands' patterns, then those of the parameters (a
    /// parameter's choice that clashes with a pattern's was refused when the parameters were bound).
    /// </summary>
    private static IEnumerable<ChoiceModel> ChoicesOf(Definition definition)
    {
        var seen = new HashSet<string>();
        foreach (CommandDraft command in definition.Commands)
        {
            foreach (CaptureModel capture in PatternWalker.Captures(command.Tail))
            {
                // A repetition of a choice, {flags:SEEN|DELETED...}, is a list of the choice's values.
                CaptureKindModel kind = capture.Kind.Element ?? capture.Kind;
                if (kind.Choices.Count > 0 && seen.Add(capture.PropertyName))
                {
                    yield return new ChoiceModel(capture.PropertyName, kind.Choices, ChoiceNames(kind.Name));
                }
            }
        }

        foreach (ParameterModel parameter in definition.CommandParameters.SelectMany(static c => c.Parameters))
        {
            if (parameter.Form == ParameterForm.Choice && seen.Add(parameter.PropertyName))
            {
                yield return new ChoiceModel(parameter.PropertyName, parameter.Choices, parameter.ChoiceNames);
            }
        }
    }

    /// <summary>
    /// The repetitions of the commands' patterns and the extensions' lines, each once by name; those of a base are in
    /// the base's generated code, which the commands and extensions use here too.
    /// </summary>
    private static IEnumerable<ListModel> ListsOf(Definition definition)
    {
        string owner = definition.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ".";
        var seen = new HashSet<string>();
        IEnumerable<CaptureModel> captures = definition.Commands.SelectMany(static c => PatternWalker.Captures(c.Tail))
            .Concat(definition.Extensions.SelectMany(static e => e.Model is { } line ? PatternWalker.Captures(line.Tail) : Enumerable.Empty<CaptureModel>()));
        foreach (CaptureModel capture in captures)
        {
            if (capture.Kind.Element is { } element && capture.Kind.TypeName.StartsWith(owner, System.StringComparison.Ordinal) && seen.Add(capture.PropertyName))
            {
                yield return new ListModel(capture.PropertyName, element);
            }
        }
    }

    /// <summary>The names of a choice's values, read again from the kind as written (<c>SevenBit=7BIT|8BITMIME</c>).</summary>
    private static EquatableArray<string> ChoiceNames(string kind) =>
        kind.Split('|').Select(static c => c.IndexOf('=') is var equals and >= 0 ? c.Substring(0, equals) : PatternParser.ToPascalCase(c.ToLowerInvariant())).ToEquatableArray();

    /// <summary>Each capture name once, in the order the commands first use it.</summary>
    private static List<CaptureModel> DistinctCaptures(List<CommandModel> commands)
    {
        var captures = new List<CaptureModel>();
        var seen = new HashSet<string>();
        foreach (CommandModel command in commands)
        {
            foreach (CaptureModel capture in PatternWalker.Captures(command.Tail))
            {
                if (seen.Add(capture.Name))
                {
                    captures.Add(capture);
                }
            }
        }

        return captures;
    }
}
