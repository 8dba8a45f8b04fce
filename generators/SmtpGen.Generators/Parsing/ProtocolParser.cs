using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>The model of one definition (absent when it has errors) and the diagnostics found reading it.</summary>
internal sealed record ParseResult(ProtocolModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Reads a <c>[LineProtocol]</c> class into a <see cref="ProtocolModel"/>. This is the only part of the
/// generator that touches symbols and syntax; everything it hands on is plain data.
/// </summary>
internal sealed class ProtocolParser
{
    public const string LineProtocolAttributeName = "SmtpGen.LineProtocolAttribute";
    private const string CommandAttributeName = "SmtpGen.CommandAttribute";
    private const string TransitionAttributeName = "SmtpGen.TransitionAttribute";
    private const string ReplyAttributeName = "SmtpGen.ReplyAttribute";
    private const int MaxStates = 64;

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly CaptureKindResolver _kinds;
    private readonly CancellationToken _cancellationToken;
    private INamedTypeSymbol? _stateEnum;
    private Dictionary<object, string>? _stateNames;

    private ProtocolParser(Compilation compilation, CancellationToken cancellationToken)
    {
        _kinds = new CaptureKindResolver(compilation);
        _cancellationToken = cancellationToken;
    }

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parser = new ProtocolParser(context.SemanticModel.Compilation, cancellationToken);
        ProtocolModel? model = parser.Read(
            (INamedTypeSymbol)context.TargetSymbol,
            (ClassDeclarationSyntax)context.TargetNode,
            context.Attributes[0]);
        return new ParseResult(parser.HasErrors ? null : model, parser._diagnostics.ToEquatableArray());
    }

    private bool HasErrors => _diagnostics.Exists(static d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    private ProtocolModel? Read(INamedTypeSymbol type, ClassDeclarationSyntax syntax, AttributeData protocolAttribute)
    {
        if (!type.IsStatic || type.ContainingType is not null || type.IsGenericType || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(DiagnosticDescriptors.DefinitionNotStaticPartial, syntax.Identifier.GetLocation(), type.Name);
            return null;
        }

        string protocolName = FirstArgument(protocolAttribute) as string ?? type.Name;
        ProtocolOptions options = ReadOptions(protocolAttribute);

        INamedTypeSymbol? verbEnum = FindEnum(type, CommandAttributeName, "commands");
        INamedTypeSymbol? replyEnum = FindEnum(type, ReplyAttributeName, "replies");
        if (verbEnum is null)
        {
            Report(DiagnosticDescriptors.NoCommands, syntax.Identifier.GetLocation(), protocolName);
            return null;
        }

        List<CommandModel> commands = ReadCommands(verbEnum);
        List<ReplyModel> replies = replyEnum is null ? new() : ReadReplies(replyEnum, options);
        if (_stateEnum is null)
        {
            return null;
        }

        List<string> states = ReadStates();
        if (!HasErrors)
        {
            // Only a definition read whole says truly what is reachable; a dropped command would mislead.
            ReportUnreachableStates(states, commands);
        }

        return new ProtocolModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            protocolName,
            options,
            // A state enum nested in the definition reads best by its simple name; any other needs its full one.
            SymbolEqualityComparer.Default.Equals(_stateEnum.ContainingType, type)
                ? _stateEnum.Name
                : _stateEnum.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            verbEnum.Name,
            replyEnum?.Name,
            states.ToEquatableArray(),
            commands.ToEquatableArray(),
            replies.ToEquatableArray(),
            DistinctCaptures(commands).ToEquatableArray());
    }

    private ProtocolOptions ReadOptions(AttributeData attribute)
    {
        int maxCommandLine = 512, maxReplyLine = 512;
        bool enhancedStatusCodes = false, preliminaryReplies = false;
        string multilineReplies = "CodeOnEveryLine";
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "MaxCommandLine":
                    maxCommandLine = argument.Value.Value is int command ? CheckLineLimit(attribute, argument.Key, command) : maxCommandLine;
                    break;
                case "MaxReplyLine":
                    maxReplyLine = argument.Value.Value is int reply ? CheckLineLimit(attribute, argument.Key, reply) : maxReplyLine;
                    break;
                case "EnhancedStatusCodes":
                    enhancedStatusCodes = argument.Value.Value is true;
                    break;
                case "PreliminaryReplies":
                    preliminaryReplies = argument.Value.Value is true;
                    break;
                case "MultilineReplies":
                    multilineReplies = EnumMemberName(argument.Value) ?? multilineReplies;
                    break;
            }
        }

        return new ProtocolOptions(maxCommandLine, maxReplyLine, enhancedStatusCodes, preliminaryReplies, multilineReplies);
    }

    private int CheckLineLimit(AttributeData attribute, string name, int value)
    {
        if (value is < 8 or > 65536)
        {
            Report(DiagnosticDescriptors.InvalidLineLimit, ArgumentLocation(attribute, name), name, value.ToString());
        }

        return value;
    }

    /// <summary>Finds the one nested enum whose members carry <paramref name="attributeName"/>.</summary>
    private INamedTypeSymbol? FindEnum(INamedTypeSymbol type, string attributeName, string role)
    {
        INamedTypeSymbol? found = null;
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            if (nested.TypeKind != TypeKind.Enum || !Fields(nested).Any(f => FindAttribute(f, attributeName) is not null))
            {
                continue;
            }

            if (found is null)
            {
                found = nested;
            }
            else
            {
                Report(DiagnosticDescriptors.AmbiguousEnums, nested.Locations.FirstOrDefault(), found.Name, nested.Name, role);
            }
        }

        return found;
    }

    private List<CommandModel> ReadCommands(INamedTypeSymbol verbEnum)
    {
        var commands = new List<CommandModel>();
        var verbs = new Dictionary<string, string>();
        var captureKinds = new Dictionary<string, (string Kind, string Command)>();
        foreach (IFieldSymbol field in Fields(verbEnum))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            AttributeData? command = FindAttribute(field, CommandAttributeName);
            if (command is null)
            {
                Report(DiagnosticDescriptors.MissingCommandPattern, field.Locations.FirstOrDefault(), field.Name);
                continue;
            }

            string pattern = FirstArgument(command) as string ?? "";
            Location? patternLocation = PatternLocation(command);
            PatternSyntax syntax = PatternParser.Parse(pattern);
            if (syntax.Error is not null)
            {
                Report(DiagnosticDescriptors.InvalidPattern, patternLocation, pattern, syntax.Error);
                continue;
            }

            if (verbs.TryGetValue(syntax.Verb, out string? first))
            {
                Report(DiagnosticDescriptors.DuplicateVerb, patternLocation, syntax.Verb, first, field.Name);
                continue;
            }

            verbs.Add(syntax.Verb, field.Name);
            var captured = new HashSet<string>();
            EquatableArray<PatternNode>? tail = ResolveNodes(syntax.Tail, pattern, patternLocation, field.Name, captured, captureKinds);
            List<TransitionModel>? transitions = ReadTransitions(field, command);
            string? intermediate = ReadState(command, "Intermediate");
            if (intermediate is not null && transitions is { Count: > 0 } && transitions[0].Then is null)
            {
                Report(DiagnosticDescriptors.IntermediateWithoutThen, AttributeLocation(command), field.Name);
            }

            if (tail is { } resolvedTail && transitions is not null)
            {
                commands.Add(new CommandModel(field.Name, pattern, syntax.Verb, resolvedTail, transitions.ToEquatableArray(), intermediate));
            }
        }

        return commands;
    }

    private EquatableArray<PatternNode>? ResolveNodes(
        List<PatternSyntaxNode> nodes,
        string pattern,
        Location? location,
        string command,
        HashSet<string> captured,
        Dictionary<string, (string Kind, string Command)> captureKinds)
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
                EquatableArray<PatternNode>? group = ResolveNodes(children, pattern, location, command, captured, captureKinds);
                valid &= group is not null;
                if (group is { } g)
                {
                    resolved.Add(PatternNode.Optional(g));
                }
            }
            else
            {
                string name = node.CaptureName!, kindName = node.CaptureKind!;
                CaptureKindModel? kind = _kinds.Resolve(kindName);
                if (kind is null)
                {
                    Report(DiagnosticDescriptors.UnknownCaptureKind, location, kindName);
                    valid = false;
                    continue;
                }

                if (!captured.Add(name))
                {
                    Report(DiagnosticDescriptors.DuplicateCapture, location, pattern, name);
                    valid = false;
                    continue;
                }

                if (captureKinds.TryGetValue(name, out (string Kind, string Command) earlier) && earlier.Kind != kind.TypeName)
                {
                    Report(DiagnosticDescriptors.CaptureKindMismatch, location, name, kind.Name, ShortName(earlier.Kind), earlier.Command);
                    valid = false;
                    continue;
                }

                captureKinds[name] = (kind.TypeName, command);
                resolved.Add(PatternNode.ForCapture(new CaptureModel(name, kind)));
            }
        }

        return valid ? resolved.ToEquatableArray() : null;
    }

    /// <summary>The transition on <c>[Command]</c> first, then one per <c>[Transition]</c>.</summary>
    private List<TransitionModel>? ReadTransitions(IFieldSymbol field, AttributeData command)
    {
        var transitions = new List<TransitionModel>();
        var from = new HashSet<string>();
        bool valid = true;
        foreach (AttributeData attribute in field.GetAttributes())
        {
            string? attributeName = attribute.AttributeClass?.ToDisplayString();
            bool isCommand = attributeName == CommandAttributeName;
            if (!isCommand && attributeName != TransitionAttributeName)
            {
                continue;
            }

            var states = new List<string>();
            foreach (TypedConstant value in NamedArray(attribute, "In"))
            {
                if (ToState(value, attribute, "In") is not { } state)
                {
                    valid = false;
                }
                else if (!from.Add(state))
                {
                    Report(DiagnosticDescriptors.AmbiguousTransition, ArgumentLocation(attribute, "In"), field.Name, state);
                    valid = false;
                }
                else
                {
                    states.Add(state);
                }
            }

            string? then = ReadState(attribute, "Then");
            var transition = new TransitionModel(states.ToEquatableArray(), then);
            if (isCommand)
            {
                transitions.Insert(0, transition);
            }
            else
            {
                transitions.Add(transition);
            }
        }

        if (from.Count == 0 && valid)
        {
            Report(DiagnosticDescriptors.CommandInNoState, AttributeLocation(command), field.Name);
            return null;
        }

        return valid ? transitions : null;
    }

    private string? ReadState(AttributeData attribute, string argument)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == argument && !named.Value.IsNull)
            {
                return ToState(named.Value, attribute, argument);
            }
        }

        return null;
    }

    /// <summary>
    /// Maps a state constant to its member name. The first state seen fixes the state enum; a value of another
    /// type, or one that is no member, is reported.
    /// </summary>
    private string? ToState(TypedConstant value, AttributeData attribute, string argument)
    {
        if (value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol enumType && _stateEnum is null)
        {
            _stateEnum = enumType;
            _stateNames = new Dictionary<object, string>();
            foreach (IFieldSymbol field in Fields(enumType))
            {
                if (field.ConstantValue is { } constant && !_stateNames.ContainsKey(constant))
                {
                    _stateNames.Add(constant, field.Name);
                }
            }
        }

        if (value.Kind == TypedConstantKind.Enum
            && SymbolEqualityComparer.Default.Equals(value.Type, _stateEnum)
            && value.Value is { } raw
            && _stateNames!.TryGetValue(raw, out string? name))
        {
            return name;
        }

        Report(DiagnosticDescriptors.UndeclaredState, ArgumentLocation(attribute, argument), value.ToCSharpString(), _stateEnum?.Name ?? "State");
        return null;
    }

    private List<string> ReadStates()
    {
        List<string> states = Fields(_stateEnum!).Select(static f => f.Name).ToList();
        if (states.Count > MaxStates)
        {
            Report(DiagnosticDescriptors.TooManyStates, _stateEnum!.Locations.FirstOrDefault(), _stateEnum.Name, states.Count.ToString());
        }

        return states;
    }

    /// <summary>Walks the transitions from the first state and reports every state no path reaches.</summary>
    private void ReportUnreachableStates(List<string> states, List<CommandModel> commands)
    {
        if (states.Count == 0)
        {
            return;
        }

        var reached = new HashSet<string> { states[0] };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (CommandModel command in commands)
            {
                foreach (TransitionModel transition in command.Transitions)
                {
                    if (!transition.In.Any(reached.Contains))
                    {
                        continue;
                    }

                    grew |= transition.Then is { } then && reached.Add(then);
                    grew |= command.Intermediate is { } intermediate && reached.Add(intermediate);
                }
            }
        }

        foreach (IFieldSymbol field in Fields(_stateEnum!))
        {
            if (!reached.Contains(field.Name))
            {
                Report(DiagnosticDescriptors.UnreachableState, field.Locations.FirstOrDefault(), field.Name);
            }
        }
    }

    private List<ReplyModel> ReadReplies(INamedTypeSymbol replyEnum, ProtocolOptions options)
    {
        var replies = new List<ReplyModel>();
        int lowest = options.PreliminaryReplies ? 100 : 200;
        foreach (IFieldSymbol field in Fields(replyEnum))
        {
            AttributeData? reply = FindAttribute(field, ReplyAttributeName);
            if (reply is null)
            {
                Report(DiagnosticDescriptors.MissingReply, field.Locations.FirstOrDefault(), field.Name);
                continue;
            }

            ImmutableArray<TypedConstant> arguments = reply.ConstructorArguments;
            if (arguments.Length is not (2 or 3) || arguments[0].Value is not int code)
            {
                continue; // the compiler reports the malformed attribute itself
            }

            string? enhanced = arguments.Length == 3 ? arguments[1].Value as string : null;
            string text = arguments[arguments.Length - 1].Value as string ?? "";
            bool valid = true;
            if (code < lowest || code > 599)
            {
                Report(DiagnosticDescriptors.ReplyCodeOutOfRange, AttributeLocation(reply), code.ToString(), lowest.ToString());
                valid = false;
            }
            else if (enhanced is not null && !options.EnhancedStatusCodes)
            {
                Report(DiagnosticDescriptors.InvalidEnhancedStatusCode, AttributeLocation(reply), enhanced, code.ToString(), "the protocol does not use enhanced status codes (set EnhancedStatusCodes = true on [LineProtocol])");
                valid = false;
            }
            else if (enhanced is not null && EnhancedStatusCodeSyntax.Check(enhanced, code) is { } problem)
            {
                Report(DiagnosticDescriptors.InvalidEnhancedStatusCode, AttributeLocation(reply), enhanced, code.ToString(), problem);
                valid = false;
            }

            if (text.Length == 0 || text.Any(static c => c < 0x20 || c == 0x7F))
            {
                Report(DiagnosticDescriptors.InvalidReplyText, AttributeLocation(reply), field.Name);
                valid = false;
            }

            if (valid)
            {
                replies.Add(new ReplyModel(field.Name, code, enhanced, text));
            }
        }

        return replies;
    }

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

    private static IEnumerable<IFieldSymbol> Fields(INamedTypeSymbol enumType) =>
        enumType.GetMembers().OfType<IFieldSymbol>().Where(static f => f.HasConstantValue);

    private static AttributeData? FindAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == fullName);

    private static IEnumerable<TypedConstant> NamedArray(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Kind == TypedConstantKind.Array && !named.Value.IsNull)
            {
                return named.Value.Values;
            }
        }

        return Enumerable.Empty<TypedConstant>();
    }

    private static string? EnumMemberName(TypedConstant value) =>
        value.Type is INamedTypeSymbol type
            ? Fields(type).FirstOrDefault(f => Equals(f.ConstantValue, value.Value))?.Name
            : null;

    /// <summary>The first constructor argument, or null when the attribute does not bind (the compiler reports that).</summary>
    private static object? FirstArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value : null;

    private static string ShortName(string typeName) => typeName.Substring(typeName.LastIndexOf('.') + 1);

    private Location? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation();

    private Location? PatternLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList.Arguments: [var first, ..] }
            ? first.GetLocation()
            : AttributeLocation(attribute);

    private Location? ArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax { ArgumentList: { } list })
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.Text == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return AttributeLocation(attribute);
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
