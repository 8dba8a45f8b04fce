using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

internal sealed partial class ProtocolParser
{
    /// <summary>
    /// The commands: the base's (less those removed or replaced), then this definition's own, each with its
    /// states settled (the default states where <c>In</c> is not given) and its captures checked across the protocol.
    /// </summary>
    private void ReadCommands(Definition definition, AttributeData protocol)
    {
        HashSet<string> removed = ReadRemoves(definition, protocol);
        if (definition.VerbEnum is { } ownEnum)
        {
            definition.VerbEnums.Add(ownEnum);
        }

        // The base's members first, in their order and with their values.
        long next = 0;
        if (definition.Base is { } @base)
        {
            next = NextValue(@base.VerbMembers.Select(static m => m.Value));
            foreach (EnumMemberModel member in @base.VerbMembers)
            {
                if (!removed.Contains(member.Name))
                {
                    definition.VerbMembers.Add(member);
                    if (@base.Commands.Find(c => c.Member == member.Name) is { } inherited)
                    {
                        definition.Commands.Add(inherited.Clone());
                    }
                }
            }
        }

        if (definition.VerbEnum is not null)
        {
            foreach (IFieldSymbol field in Fields(definition.VerbEnum))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                CommandDraft? command = ReadCommand(definition, field);
                AddOwnCommand(definition, field, command, ref next);
            }
        }

        SettleStates(definition);
        CheckCaptures(definition);
    }

    /// <summary>
    /// Reports each command whose shortest line is longer than its lines may be: its parser would refuse every line of it
    /// as too long, and its writer throw for every value. The shortest line is the verb as written, the pattern's literal
    /// text outside optional groups (a capture may be as short as its kind allows: counted as nothing) and CRLF; the
    /// limit <c>MaxCommandLine</c> and what the command's parameters add to it (<c>ExtendsLineBy</c>). A command of the
    /// base that a lower <c>MaxCommandLine</c> makes too long is reported at that setting.
    /// </summary>
    private void CheckCommandLines(Definition definition, AttributeData protocol)
    {
        foreach (CommandDraft command in definition.Commands)
        {
            int shortest = Encoding.UTF8.GetByteCount(command.Pattern.Substring(0, command.Verb.Length)) + PatternWalker.LiteralLength(command.Tail) + "\r\n".Length;
            int limit = ProtocolModel.MaxLineOf(definition.Options, definition.CommandParameters, command.Member);

            if (shortest > limit)
            {
                Report(
                    DiagnosticDescriptors.CommandLineTooLong,
                    command.Attribute is { } own ? _locations.Attribute(own) : _locations.Argument(protocol, "MaxCommandLine"),
                    command.Member,
                    shortest.ToString(),
                    limit.ToString(),
                    limit == definition.Options.MaxCommandLine ? "MaxCommandLine" : $"Max{command.Member}Line, with what its parameters add");
            }
        }
    }

    private HashSet<string> ReadRemoves(Definition definition, AttributeData protocol)
    {
        var removed = new HashSet<string>();
        if (definition.Base is { } @base)
        {
            definition.VerbEnums.UnionWith(@base.VerbEnums);
            if (GeneratedEnum(@base, "Verb") is { } generated)
            {
                definition.VerbEnums.Add(generated);
            }
        }

        foreach (TypedConstant value in NamedArray(protocol, "Removes") ?? ImmutableArray<TypedConstant>.Empty)
        {
            if (ToBaseCommand(definition, value, protocol, "Removes") is { } name)
            {
                removed.Add(name);
            }
        }

        return removed;
    }

    /// <summary>Maps a reference to a base command (<c>SmtpProtocol.Verb.Ehlo</c>) to its member name.</summary>
    private string? ToBaseCommand(Definition definition, TypedConstant value, AttributeData attribute, string argument)
    {
        Definition? @base = definition.Base;
        return ToMember(
            definition,
            value,
            _locations.Argument(attribute, argument),
            type => @base is not null && (@base.VerbEnums.Contains(type) || SymbolEqualityComparer.Default.Equals(GeneratedEnum(@base, "Verb"), type)),
            name => @base is not null && @base.VerbMembers.Exists(m => m.Name == name),
            () => Report(DiagnosticDescriptors.NotABaseCommand, _locations.Argument(attribute, argument), value.ToCSharpString(), argument, @base is null ? ", and this definition extends none" : ""));
    }

    /// <summary>Adds one of this definition's commands: in place of those it replaces, or after the others.</summary>
    private void AddOwnCommand(Definition definition, IFieldSymbol field, CommandDraft? command, ref long next)
    {
        int position = definition.VerbMembers.Count;
        long? value = definition.Extends ? null : ToLong(field.ConstantValue);
        CommandDraft? replaced = null;
        if (command is not null)
        {
            foreach (string name in command.Replaces)
            {
                int index = definition.VerbMembers.FindIndex(m => m.Name == name);
                if (index < 0)
                {
                    continue;   // replaced twice over; the first replacement took it
                }

                if (replaced is null)
                {
                    position = index;
                    replaced = definition.Commands.Find(c => c.Member == name);
                }
                else if (index < position)
                {
                    position--;   // a later replaced command stood before the first: the slot moves up with it
                }

                if (name == field.Name)
                {
                    value = definition.VerbMembers[index].Value;
                }

                definition.VerbMembers.RemoveAt(index);
                definition.Commands.RemoveAll(c => c.Member == name);
            }
        }

        if (definition.VerbMembers.Exists(m => m.Name == field.Name))
        {
            Report(DiagnosticDescriptors.InheritedName, field.Locations.FirstOrDefault(), field.Name, "command");
            return;
        }

        long assigned = value ?? next++;
        string summary = command is null ? "A command whose definition has a mistake." : "The command " + command.Pattern + ".";
        definition.VerbMembers.Insert(position, new EnumMemberModel(field.Name, assigned, summary, Origin(field)));
        if (command is null)
        {
            return;
        }

        if (definition.Commands.Find(c => c.Verb == command.Verb) is { } same)
        {
            Report(DiagnosticDescriptors.DuplicateVerb, _locations.FirstArgument(command.Attribute!), "verb", command.Verb, same.Member, field.Name);
            return;
        }

        command.Value = assigned;
        if (replaced is not null)
        {
            Inherit(command, replaced);
            if (command.Body == "DotTerminatedWithoutArguments" && !HasOnlyOptionalArguments(command.Tail))
            {
                Report(DiagnosticDescriptors.InvalidResponseBody, _locations.Argument(command.Attribute!, "Replaces"), command.Body, "it is the replaced command's, and " + WithoutArgumentsRule);
                return;
            }
        }

        // Keep the commands in the order of the enum's members.
        int before = definition.Commands.FindIndex(c => definition.VerbMembers.FindIndex(m => m.Name == c.Member) > position);
        definition.Commands.Insert(before < 0 ? definition.Commands.Count : before, command);
    }

    /// <summary>A replacing command keeps, where it does not say otherwise, the states of the command it replaces.</summary>
    private static void Inherit(CommandDraft command, CommandDraft replaced)
    {
        TransitionDraft main = command.Transitions[0], theirs = replaced.Transitions[0];
        if (main.In is null && main.IsDefault)
        {
            main.In = theirs.In is null ? null : new List<string>(theirs.In);
            main.IsDefault = theirs.IsDefault;
        }

        main.Then ??= theirs.Then;
        main.Else ??= theirs.Else;
        command.Intermediate ??= replaced.Intermediate;
        command.Body ??= replaced.Body;
        if (command.ThenOnlyWith is null && replaced.ThenOnlyWith is { } capture && command.Intermediate is null)
        {
            // Only where the new pattern has that optional capture too: otherwise no line of it could complete the command.
            command.ThenOnlyWith = OptionalCapture(command.Tail, capture.Name);
        }

        if (command.Transitions.Count == 1)
        {
            command.Transitions.AddRange(replaced.Transitions.Skip(1).Select(static t => t.Clone()));
        }
    }

    private CommandDraft? ReadCommand(Definition definition, IFieldSymbol field)
    {
        AttributeData? attribute = FindAttribute(field, CommandAttributeName);
        if (attribute is null)
        {
            Report(DiagnosticDescriptors.MissingCommandPattern, field.Locations.FirstOrDefault(), field.Name);
            return null;
        }

        definition.IsWhole &= _locations.AllArgumentsBound(attribute);
        string pattern = FirstArgument(attribute) as string ?? "";
        PatternSyntax syntax = PatternParser.Parse(pattern);
        if (syntax.IsTagged)
        {
            Report(DiagnosticDescriptors.TaggedCommand, _locations.InPattern(attribute, syntax.ErrorSpan), pattern);
            return null;
        }

        if (syntax.Error is not null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, syntax.ErrorSpan), pattern, syntax.Error);
            return null;
        }

        var captured = new Dictionary<string, string>();
        EquatableArray<PatternNode>? tail = ResolveNodes(syntax.Tail, pattern, attribute, captured, optional: false, choiceOwner: definition.Type, listOwner: definition.Type);
        List<TransitionDraft>? transitions = ReadTransitions(definition, field, attribute);
        if (tail is not { } resolved || transitions is null)
        {
            return null;
        }

        if (!TryReadState(definition, attribute, "Intermediate", out string? intermediate))
        {
            return null;
        }

        if (!TryReadBody(definition, attribute, resolved, out string? body) || !TryReadThenOnlyWith(attribute, pattern, resolved, intermediate, out CaptureModel? thenOnlyWith))
        {
            return null;
        }

        var command = new CommandDraft(field.Name, 0, pattern, syntax.Verb, resolved)
        {
            Transitions = transitions,
            Intermediate = intermediate,
            Body = body,
            ThenOnlyWith = thenOnlyWith,
            Attribute = attribute,
        };
        if (!IsBound(definition, attribute, "Extension"))
        {
            return null;
        }

        if (Named(attribute, "Extension") is { IsNull: false } extension)
        {
            command.Extension = ToExtension(definition, extension, attribute, "Extension");
            if (command.Extension is null)
            {
                return null;
            }
        }

        if (!IsBound(definition, attribute, "Replaces"))
        {
            return null;
        }

        foreach (TypedConstant value in NamedArray(attribute, "Replaces") ?? ImmutableArray<TypedConstant>.Empty)
        {
            if (ToBaseCommand(definition, value, attribute, "Replaces") is not { } name)
            {
                return null;
            }

            command.Replaces.Add(name);
        }

        return command;
    }

    /// <summary>
    /// Resolves the captures' kinds. A choice of values is a kind the generator writes into <paramref name="choiceOwner"/>
    /// (<c>{Name}Values</c>), and so is a repetition, written into <paramref name="listOwner"/> (<c>{Name}List</c>);
    /// where an owner is null (a reply's text, a parameter; for a choice, an extension's line), that form is not allowed.
    /// </summary>
    private EquatableArray<PatternNode>? ResolveNodes(
        List<PatternSyntaxNode> nodes,
        string pattern,
        AttributeData attribute,
        Dictionary<string, string> captured,
        bool optional,
        int argument = 0,
        INamedTypeSymbol? choiceOwner = null,
        INamedTypeSymbol? listOwner = null)
    {
        var resolved = new List<PatternNode>();
        bool valid = true;
        foreach (PatternSyntaxNode node in nodes)
        {
            if (node.Literal is { } literal)
            {
                resolved.Add(PatternNode.Literal(literal));
            }
            else if (node.Children is { } children)
            {
                EquatableArray<PatternNode>? group = ResolveNodes(children, pattern, attribute, captured, optional: true, argument, choiceOwner, listOwner);
                valid &= group is not null;
                if (group is { } g)
                {
                    resolved.Add(PatternNode.Optional(g));
                }
            }
            else if (ResolveCapture(node, pattern, attribute, captured, optional, argument, choiceOwner, listOwner) is { } capture)
            {
                resolved.Add(PatternNode.ForCapture(capture, node.Span));
            }
            else
            {
                valid = false;
            }
        }

        return valid ? resolved.ToEquatableArray() : null;
    }

    private CaptureModel? ResolveCapture(PatternSyntaxNode node, string pattern, AttributeData attribute, Dictionary<string, string> captured, bool optional, int argument, INamedTypeSymbol? choiceOwner, INamedTypeSymbol? listOwner)
    {
        string name = node.CaptureName!, kindName = node.CaptureKind!;
        CaptureKindModel? kind = node.Choices is null ? _kinds.Resolve(kindName)
            : choiceOwner is null ? null
            : new CaptureKindModel(
                kindName,
                GeneratedKind(choiceOwner, name, "Values"),
                "global::System.ReadOnlySpan<byte>",
                Presence.NotEmpty,
                node.Choices.ToEquatableArray(),
                IsRefLike: true,
                NamesArgument: true);
        if (kind is null && node.Choices is not null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, node.KindSpan, argument), pattern, "a choice of values is for a command's pattern or a parameter");
            return null;
        }

        if (kind is null)
        {
            Report(DiagnosticDescriptors.UnknownCaptureKind, _locations.InPattern(attribute, node.KindSpan, argument), kindName, _kinds.HintFor(kindName, name));
            return null;
        }

        if (node.Repeated && listOwner is null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, node.Span, argument), pattern, "a repeated capture is for a command's pattern or an extension's line");
            return null;
        }

        if (node.Repeated)
        {
            // The list of values is a kind of its own, generated: its TryScan takes the values and the spaces between them.
            string list = GeneratedKind(listOwner!, name, "List");
            kind = new CaptureKindModel(kind.Name + "...", list, list, Presence.NotEmpty, IsRefLike: true, Element: kind, NamesArgument: true);
        }

        if (captured.TryGetValue(name, out string? first))
        {
            // The captures of all extensions' lines are the parameters of one method: the other line is named.
            string where = first == pattern ? "twice in it" : $"on \"{first}\" too, and the captures of all extensions' lines are the parameters of one method";
            Report(DiagnosticDescriptors.DuplicateCapture, _locations.InPattern(attribute, node.Span, argument), pattern, name, where);
            return null;
        }

        captured.Add(name, pattern);

        if (optional && kind.Presence == Presence.None)
        {
            Report(DiagnosticDescriptors.OptionalRefStruct, _locations.InPattern(attribute, node.Span, argument), name, kind.Name);
            return null;
        }

        return new CaptureModel(name, kind);
    }

    /// <summary>The full name of a kind the generator writes into <paramref name="owner"/>: <c>{Name}Values</c>, <c>{Name}List</c>.</summary>
    private static string GeneratedKind(INamedTypeSymbol owner, string captureName, string suffix) =>
        owner.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + PatternParser.ToPascalCase(captureName) + suffix;

    /// <summary>The transition on <c>[Command]</c> first, then one per <c>[Transition]</c>.</summary>
    private List<TransitionDraft>? ReadTransitions(Definition definition, IFieldSymbol field, AttributeData command)
    {
        var transitions = new List<TransitionDraft>();
        bool valid = true;
        foreach (AttributeData attribute in field.GetAttributes())
        {
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            bool isCommand = attributeName == CommandAttributeName;
            if (!isCommand && attributeName != TransitionAttributeName)
            {
                continue;
            }

            definition.IsWhole &= _locations.AllArgumentsBound(attribute);
            valid &= IsBound(definition, attribute, "In");
            List<string>? states = null;
            if (NamedArray(attribute, "In") is { } values)
            {
                states = new List<string>();
                foreach (TypedConstant value in values)
                {
                    if (ToState(definition, value, attribute, "In") is { } state)
                    {
                        states.Add(state);
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }

            valid &= TryReadState(definition, attribute, "Then", out string? then);
            valid &= TryReadState(definition, attribute, "Else", out string? otherwise);
            var transition = new TransitionDraft(states, then, attribute) { IsDefault = states is null && isCommand, Else = otherwise };
            if (isCommand)
            {
                transitions.Insert(0, transition);
            }
            else if (states is not null)
            {
                transitions.Add(transition);
            }
            else
            {
                // A [Transition] says from which states: without In it says nothing.
                Report(DiagnosticDescriptors.CommandInNoState, _locations.Attribute(attribute), $"A [Transition] of the command '{field.Name}' names no state it leads from");
                valid = false;
            }
        }

        return valid ? transitions : null;
    }

    /// <summary>
    /// Reads <c>Body</c>: a body needs replies to follow, and a body only without arguments needs a command whose
    /// arguments are all optional; false when it is given and does not fit.
    /// </summary>
    private bool TryReadBody(Definition definition, AttributeData attribute, EquatableArray<PatternNode> tail, out string? body)
    {
        TypedConstant? given = Named(attribute, "Body");
        body = given is { } value ? EnumMember(attribute, "Body", value) : null;
        if (body is null && given is { Kind: TypedConstantKind.Enum })
        {
            return false;   // none of ResponseBody's members: reported
        }

        string? problem = body is null or "None"
            ? null
            : !definition.Options.HasReplies
                ? "the protocol has no replies (ReplyForm.None)"
                : body == "DotTerminatedWithoutArguments" && !HasOnlyOptionalArguments(tail)
                    ? WithoutArgumentsRule
                    : null;
        if (problem is null)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidResponseBody, _locations.Argument(attribute, "Body"), body!, problem);
        return false;
    }

    /// <summary>
    /// Reads <c>ThenOnlyWith</c>: one of the pattern's optional captures, for a command without an intermediate state
    /// (whose final reply completes it whatever its line carried); false when it is given and cannot apply.
    /// </summary>
    private bool TryReadThenOnlyWith(AttributeData attribute, string pattern, EquatableArray<PatternNode> tail, string? intermediate, out CaptureModel? capture)
    {
        capture = null;
        if (Named(attribute, "ThenOnlyWith") is not { Value: string name })
        {
            return true;
        }

        capture = OptionalCapture(tail, name);
        string? problem = capture is null
            ? $"it names no optional capture of the pattern ({string.Join(", ", PatternWalker.OptionalCaptures(tail).Select(static c => c.Name).DefaultIfEmpty("it has none"))})"
            : intermediate is not null
                ? $"the command has an Intermediate state, {intermediate}, whose final reply completes it whatever its line carried"
                : null;
        if (problem is null)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidThenOnlyWith, _locations.Argument(attribute, "ThenOnlyWith"), name, pattern, problem);
        return false;
    }

    /// <summary>The optional capture of <paramref name="tail"/> named <paramref name="name"/>, or null.</summary>
    private static CaptureModel? OptionalCapture(EquatableArray<PatternNode> tail, string name) =>
        PatternWalker.OptionalCaptures(tail).FirstOrDefault(c => c.Name == name);

    private const string WithoutArgumentsRule = "without arguments needs a command whose arguments are all in optional groups";

    private static bool HasOnlyOptionalArguments(EquatableArray<PatternNode> tail)
    {
        bool any = false;
        foreach ((CaptureModel _, bool optional) in PatternWalker.CapturesWithOptionality(tail))
        {
            if (!optional)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Reads a state argument (<c>Then</c>, <c>Intermediate</c>); false when it is given but names no state.</summary>
    private bool TryReadState(Definition definition, AttributeData attribute, string argument, out string? state)
    {
        state = null;
        if (!IsBound(definition, attribute, argument))
        {
            return false;
        }

        state = Named(attribute, argument) is { IsNull: false } value ? ToState(definition, value, attribute, argument) : null;
        return state is not null || Named(attribute, argument) is not { IsNull: false };
    }

    /// <summary>
    /// Gives each transition that names no states the default ones (every state neither intermediate nor final),
    /// then checks that each command may come somewhere and from each state goes one way.
    /// </summary>
    private void SettleStates(Definition definition)
    {
        var excluded = new HashSet<string>(definition.States.Where(static s => s.IsFinal).Select(static s => s.Name));
        excluded.UnionWith(definition.Commands.Select(static c => c.Intermediate).OfType<string>());
        List<string> defaults = definition.States.Select(static s => s.Name).Where(s => !excluded.Contains(s)).ToList();

        definition.Commands.RemoveAll(command =>
        {
            foreach (TransitionDraft transition in command.Transitions)
            {
                if (transition.IsDefault)
                {
                    transition.In = new List<string>(defaults);
                }
            }

            return !CheckTransitions(command);
        });
    }

    private bool CheckTransitions(CommandDraft command)
    {
        var from = new HashSet<string>();
        foreach (TransitionDraft transition in command.Transitions)
        {
            foreach (string state in transition.In ?? new List<string>())
            {
                if (!from.Add(state))
                {
                    // An inherited [Transition] has no place of its own: the command that inherited it is where to look.
                    Report(DiagnosticDescriptors.AmbiguousTransition, Where(transition.Attribute ?? command.Attribute, "In"), command.Member, state);
                    return false;
                }
            }
        }

        if (from.Count == 0)
        {
            Report(DiagnosticDescriptors.CommandInNoState, Where(command.Attribute, null), $"The command '{command.Member}' is valid in no state");
            return false;
        }

        if (command.Intermediate is not null && command.Transitions[0].Then is null)
        {
            Report(DiagnosticDescriptors.IntermediateWithoutThen, Where(command.Attribute, null), command.Member);
            return false;
        }

        return true;
    }

    /// <summary>
    /// A capture name keeps one kind across the protocol, base included, and none may collide with the
    /// <c>has{Name}</c> that the parsed command and the writers declare for an optional capture.
    /// </summary>
    private void CheckCaptures(Definition definition)
    {
        var kinds = new Dictionary<string, (CaptureKindModel Kind, string Command)>();
        var optional = new Dictionary<string, string>();
        // The base's commands first: where a capture's kinds disagree, the extending definition's is the mistake.
        foreach (CommandDraft command in definition.Commands.OrderBy(static c => c.Attribute is not null))
        {
            foreach ((CaptureModel capture, bool isOptional) in PatternWalker.CapturesWithOptionality(command.Tail))
            {
                kinds[capture.Name] = kinds.TryGetValue(capture.Name, out var first) ? first : (capture.Kind, command.Member);
                if (isOptional)
                {
                    optional["has" + capture.PropertyName] = capture.Name;
                }
            }
        }

        definition.Commands.RemoveAll(command =>
        {
            foreach (PatternNode node in PatternWalker.CaptureNodes(command.Tail))
            {
                CaptureModel capture = node.Capture!;
                (CaptureKindModel kind, string first) = kinds[capture.Name];
                bool choice = kind.Choices.Count > 0 || capture.Kind.Choices.Count > 0;
                if (choice ? kind.Choices != capture.Kind.Choices : kind.TypeName != capture.Kind.TypeName || kind.Element != capture.Kind.Element)
                {
                    Report(DiagnosticDescriptors.CaptureKindMismatch, InPattern(command, node), capture.Name, capture.Kind.Name, kind.Name, first);
                    return true;
                }

                if (optional.TryGetValue(capture.Name, out string? other))
                {
                    Report(DiagnosticDescriptors.CaptureNameCollision, InPattern(command, node), capture.Name, other);
                    return true;
                }
            }

            return false;
        });
    }

    private Location? InPattern(CommandDraft command, PatternNode node) =>
        command.Attribute is null ? null : _locations.InPattern(command.Attribute, node.Span);

    private Location? Where(AttributeData? attribute, string? argument) =>
        attribute is null ? null : argument is null ? _locations.Attribute(attribute) : _locations.Argument(attribute, argument);
}
