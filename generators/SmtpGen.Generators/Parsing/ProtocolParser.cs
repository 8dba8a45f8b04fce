using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>What reading one definition gave: its model (null when nothing can be generated), its diagnostics, and where its class name is.</summary>
internal sealed record ParseResult(ProtocolModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Name);

/// <summary>
/// Reads a <c>[LineProtocol]</c> class, and the chain of definitions it extends, into a <see cref="ProtocolModel"/>.
/// This is the only part of the generator that touches symbols and syntax; everything it hands on is plain data.
/// A mistake drops the part it is in (a command, a reply), not the definition, so that the rest is still generated
/// and the user's code that calls it does not break while the mistake is being fixed.
/// </summary>
internal sealed partial class ProtocolParser
{
    public const string LineProtocolAttributeName = "SmtpGen.LineProtocolAttribute";
    private const string CommandAttributeName = "SmtpGen.CommandAttribute";
    private const string TransitionAttributeName = "SmtpGen.TransitionAttribute";
    private const string ReplyAttributeName = "SmtpGen.ReplyAttribute";
    private const string FinalStateAttributeName = "SmtpGen.FinalStateAttribute";
    private const int MaxStates = 64;

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Compilation _compilation;
    private readonly CaptureKindResolver _kinds;
    private readonly SourceLocations _locations;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Above zero while a base is read: its mistakes are its own build's to report.</summary>
    private int _muted;

    /// <summary>The errors found so far, reported or muted: a definition whose reading added one is not whole.</summary>
    private int _errors;

    /// <summary>Whether the chain of bases came back to a definition already in it.</summary>
    private bool _cycle;

    private ProtocolParser(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _kinds = new CaptureKindResolver(compilation);
        _locations = new SourceLocations(cancellationToken);
        _cancellationToken = cancellationToken;
    }

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parser = new ProtocolParser(context.SemanticModel.Compilation, cancellationToken);
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (ClassDeclarationSyntax)context.TargetNode;
        ProtocolModel? model = null;
        if (parser.CheckDeclaration(type, syntax)
            && parser.Read(type, context.Attributes[0], new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)) is { } definition
            && parser.CheckNames(definition, syntax))
        {
            model = ToModel(definition);
        }

        return new ParseResult(model, parser._diagnostics.ToEquatableArray(), LocationInfo.From(syntax.Identifier.GetLocation()));
    }

    /// <summary>The C# the generated code is written in: 13, for <c>allows ref struct</c> (the grammar's scanners).</summary>
    private const int GeneratedLanguageVersion = 1300;

    private bool CheckDeclaration(INamedTypeSymbol type, ClassDeclarationSyntax syntax)
    {
        // LanguageVersion is the version in effect (Latest and Default resolved); from C# 8 on, its value is the version
        // times 100, and before that smaller still (7.3 is 703, 6 is 6).
        if (syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: var version } && (int)version < GeneratedLanguageVersion)
        {
            Report(DiagnosticDescriptors.LanguageVersionTooLow, syntax.Identifier.GetLocation(), type.Name, version.ToDisplayString());
            return false;
        }

        // A file-local class is another type than the partial class the generated files declare.
        if (!type.IsStatic || type.ContainingType is not null || type.IsGenericType || type.IsFileLocal || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            Report(DiagnosticDescriptors.DefinitionNotStaticPartial, syntax.Identifier.GetLocation(), type.Name);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads a definition, its bases first; null when it has no commands or no states to generate from.
    /// <paramref name="chain"/> holds the definitions already being read, down from the one being generated.
    /// </summary>
    private Definition? Read(INamedTypeSymbol type, AttributeData protocol, HashSet<INamedTypeSymbol> chain)
    {
        int depth = chain.Count;
        chain.Add(type);
        _cancellationToken.ThrowIfCancellationRequested();
        int errorsBefore = _errors;
        string protocolName = FirstArgument(protocol) as string ?? type.Name;
        Definition? @base = null;
        bool whole = _locations.AllArgumentsBound(protocol);
        if (Named(protocol, "Extends") is { IsNull: false } extends)
        {
            @base = ReadBase(extends, protocol, chain);
            if (@base is null)
            {
                return null;
            }
        }

        var definition = new Definition(type, protocolName, @base) { IsWhole = whole && (@base?.IsWhole ?? true) };
        definition.Options = ReadOptions(protocol, @base?.Options ?? definition.Options, @base?.Type.Name);
        definition.VerbEnum = FindEnum(type, "commands", static e => Declares(e, CommandAttributeName), definition.Extends);
        definition.ReplyEnum = FindEnum(type, "replies", static e => Declares(e, ReplyAttributeName), definition.Extends);
        definition.ExtensionEnum = FindEnum(type, "extensions", static e => Declares(e, ExtensionAttributeName), definition.Extends);
        if (!ReadStates(definition, protocol))
        {
            return null;
        }

        if (definition.VerbEnum is null && @base is null)
        {
            Report(DiagnosticDescriptors.NoCommands, type.Locations.FirstOrDefault(), protocolName);
            return null;
        }

        ReadStatuses(definition, protocol);
        ReadExtensions(definition);
        ReadCommands(definition, protocol);
        BindParameters(definition);
        CheckCommandLines(definition, protocol);
        ReadReplies(definition, protocol);
        if (!CheckEnums(definition))
        {
            // A base with such a mistake leaves nothing to extend either (SMTPGEN022 on the definition that extends it).
            return null;
        }

        definition.IsWhole &= _errors == errorsBefore;
        if (definition.IsWhole && depth == 0)
        {
            // Only a definition read whole says truly what is reachable; a dropped command would mislead.
            ReportUnreachableStates(definition, protocol);
        }

        return definition;
    }

    private Definition? ReadBase(TypedConstant extends, AttributeData protocol, HashSet<INamedTypeSymbol> chain)
    {
        Location? location = _locations.Argument(protocol, "Extends");
        // typeof() of a type the assembly cannot see binds to an error type, with the type as its candidate.
        if (extends.Value is INamedTypeSymbol hidden
            && (hidden is IErrorTypeSymbol { CandidateReason: CandidateReason.Inaccessible } || !_compilation.IsSymbolAccessibleWithin(hidden, _compilation.Assembly)))
        {
            Report(DiagnosticDescriptors.InvalidBase, location, hidden.Name, "it cannot be seen from this assembly: a definition extended from another assembly must be public");
            return null;
        }

        if (extends.Value is IErrorTypeSymbol)
        {
            // A type that does not exist (CS0246): the compiler says so, nothing more to say.
            return null;
        }

        if (extends.Value is not INamedTypeSymbol baseType
            || baseType.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == LineProtocolAttributeName) is not { } baseAttribute)
        {
            Report(DiagnosticDescriptors.InvalidBase, location, extends.Value?.ToString() ?? "null", "it is not a [LineProtocol] definition");
            return null;
        }

        if (chain.Contains(baseType))
        {
            _cycle = true;
            Report(DiagnosticDescriptors.InvalidBase, location, baseType.Name, "the chain of definitions it extends comes back to itself");
            return null;
        }

        _muted++;
        Definition? @base;
        try
        {
            @base = Read(baseType, baseAttribute, chain);
        }
        finally
        {
            _muted--;
        }

        if (@base is null)
        {
            // Reported where this definition names its base; deeper in the chain, reports are muted.
            string why = _cycle ? "the chain of definitions it extends comes back to itself" : "it has mistakes of its own that leave nothing to extend";
            Report(DiagnosticDescriptors.InvalidBase, location, baseType.Name, why);
        }

        return @base;
    }

    /// <summary>
    /// The settings of <c>[LineProtocol]</c>; those not given are the base's, or the defaults. A definition keeps its
    /// base's reply form: the base's replies and state machine are of that form.
    /// </summary>
    private ProtocolOptions ReadOptions(AttributeData attribute, ProtocolOptions inherited, string? baseName)
    {
        ProtocolOptions options = inherited;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            options = argument.Key switch
            {
                "MaxCommandLine" when argument.Value.Value is int command && CheckLineLimit(attribute, argument.Key, command) => options with { MaxCommandLine = command },
                "MaxReplyLine" when argument.Value.Value is int reply && CheckLineLimit(attribute, argument.Key, reply) => options with { MaxReplyLine = reply },
                "EnhancedStatusCodes" => options with { EnhancedStatusCodes = argument.Value.Value is true },
                "PreliminaryReplies" => options with { PreliminaryReplies = argument.Value.Value is true },
                "AnySecondDigit" => options with { AnySecondDigit = argument.Value.Value is true },
                "InformativeReplies" => options with { InformativeReplies = argument.Value.Value is true },
                "TolerateTrailingWhiteSpace" => options with { TolerateTrailingWhiteSpace = argument.Value.Value is true },
                "MultilineReplies" => options with { MultilineReplies = EnumMember(attribute, argument.Key, argument.Value) ?? options.MultilineReplies },
                "Replies" when baseName is not null && EnumMemberName(argument.Value) is { } form && form != inherited.ReplyForm
                    => ReportOtherReplyForm(attribute, baseName, inherited.ReplyForm, form, options),
                "Replies" => options with { ReplyForm = EnumMember(attribute, argument.Key, argument.Value) ?? options.ReplyForm },
                _ => options,
            };
        }

        if (options.PreliminaryReplies && options.InformativeReplies)
        {
            // 1yz replies announce another reply, or are final: not both. The one set here gives way.
            string given = attribute.NamedArguments.Any(static a => a.Key == "InformativeReplies") ? "InformativeReplies" : "PreliminaryReplies";
            Report(DiagnosticDescriptors.ContradictorySettings, _locations.Argument(attribute, given), "PreliminaryReplies", "InformativeReplies",
                "a 1yz reply either announces another (FTP's 150) or is final (NNTP's 101)");
            options = given == "InformativeReplies" ? options with { InformativeReplies = false } : options with { PreliminaryReplies = false };
        }

        return options;
    }

    private ProtocolOptions ReportOtherReplyForm(AttributeData attribute, string baseName, string baseForm, string form, ProtocolOptions options)
    {
        Report(DiagnosticDescriptors.InvalidBase, _locations.Argument(attribute, "Replies"), baseName,
            $"its replies are ReplyForm.{baseForm} and this definition's ReplyForm.{form}; a definition keeps its base's reply form");
        return options;
    }

    /// <summary>The longest any line may be, a command's with its parameters included (SMTPGEN016).</summary>
    private const int MaxLineLimit = 65536;

    /// <summary>Whether a line limit (or what a parameter adds to one) lies between <paramref name="minimum"/> and 65536 octets; reported if not.</summary>
    private bool CheckLineLimit(AttributeData attribute, string name, int value, int minimum = 8)
    {
        if (value < minimum || value > MaxLineLimit)
        {
            Report(DiagnosticDescriptors.InvalidLineLimit, _locations.Argument(attribute, name), name, value.ToString(), minimum.ToString());
            return false;
        }

        return true;
    }

    /// <summary>
    /// Finds the one nested enum of a role; a second one of that role is reported. In a definition that extends
    /// another, the enums the generator wrote (seen when such a definition is read from metadata as a base) are none
    /// of the user's.
    /// </summary>
    private INamedTypeSymbol? FindEnum(INamedTypeSymbol type, string role, System.Func<INamedTypeSymbol, bool> isOfRole, bool extends)
    {
        INamedTypeSymbol? found = null;
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            if (nested.TypeKind != TypeKind.Enum || !isOfRole(nested) || (extends && System.Array.IndexOf(GeneratedEnums, nested.Name) >= 0))
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

    /// <summary>
    /// The states: the base's, then those of this definition's state enum (<c>States = typeof(...)</c>, or the
    /// one nested enum that declares neither commands nor replies).
    /// </summary>
    private bool ReadStates(Definition definition, AttributeData protocol)
    {
        INamedTypeSymbol? stateEnum = null;
        if (Named(protocol, "States") is { IsNull: false } states)
        {
            stateEnum = states.Value as INamedTypeSymbol;
            if (stateEnum is IErrorTypeSymbol)
            {
                // A type that does not exist (CS0246): the compiler says so, nothing more to say.
                return false;
            }

            if (stateEnum?.TypeKind != TypeKind.Enum)
            {
                Report(DiagnosticDescriptors.NoStates, _locations.Argument(protocol, "States"), definition.ProtocolName, $" ('{states.Value}', which States names, is not an enum)");
                return false;
            }
        }
        else
        {
            stateEnum = FindEnum(
                definition.Type,
                "states (name the states with States = typeof(...))",
                // An empty enum (a Reply { } with nothing in it yet) declares no states either.
                static e => !Declares(e, CommandAttributeName) && !Declares(e, ReplyAttributeName) && !Declares(e, ExtensionAttributeName)
                    && e.GetMembers().Any(static m => m is IFieldSymbol),
                definition.Extends);
        }

        if (definition.Base is { } @base)
        {
            definition.States.AddRange(@base.States.Select(static s => s with { Field = null }));
            definition.StateEnums.UnionWith(@base.StateEnums);
            if (GeneratedEnum(@base, "State") is { } generated)
            {
                definition.StateEnums.Add(generated);
            }
        }
        else if (stateEnum is null)
        {
            Report(DiagnosticDescriptors.NoStates, definition.Type.Locations.FirstOrDefault(), definition.ProtocolName, "");
            return false;
        }

        if (stateEnum is not null && definition.StateEnums.Add(stateEnum))
        {
            definition.StateEnum = stateEnum;
            bool own = SymbolEqualityComparer.Default.Equals(stateEnum.ContainingType, definition.Type);
            long next = NextValue(definition.States.Select(static s => s.Value));
            foreach (IFieldSymbol field in Fields(stateEnum))
            {
                if (definition.States.Exists(s => s.Name == field.Name))
                {
                    Report(DiagnosticDescriptors.InheritedName, field.Locations.FirstOrDefault(), field.Name, "state");
                    definition.IsWhole = false;
                    continue;
                }

                long value = definition.Extends ? next++ : ToLong(field.ConstantValue);
                definition.States.Add(new StateDraft(field.Name, value, FindAttribute(field, FinalStateAttributeName) is not null, own ? field : null, Origin(field)));
            }
        }

        if (definition.States.Count == 0)
        {
            Report(DiagnosticDescriptors.NoStates, stateEnum?.Locations.FirstOrDefault() ?? definition.Type.Locations.FirstOrDefault(), definition.ProtocolName, " (its enum of states has no members)");
            return false;
        }

        if (definition.States.Count > MaxStates)
        {
            Report(DiagnosticDescriptors.TooManyStates, stateEnum?.Locations.FirstOrDefault(), definition.ProtocolName, definition.States.Count.ToString());
            return false;
        }

        return true;
    }

    /// <summary>The enum a definition that extends another generated for a role, found in metadata or a referenced compilation.</summary>
    private static INamedTypeSymbol? GeneratedEnum(Definition definition, string name) =>
        definition.Extends ? definition.Type.GetTypeMembers(name).FirstOrDefault(static t => t.TypeKind == TypeKind.Enum) : null;

    private void ReportUnreachableStates(Definition definition, AttributeData protocol)
    {
        var reached = new HashSet<string> { definition.States[0].Name };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (CommandDraft command in definition.Commands)
            {
                foreach (TransitionDraft transition in command.Transitions)
                {
                    if (transition.In is null || !transition.In.Any(reached.Contains))
                    {
                        continue;
                    }

                    grew |= transition.Then is { } then && reached.Add(then);
                    grew |= transition.Else is { } otherwise && reached.Add(otherwise);
                    grew |= command.Intermediate is { } intermediate && reached.Add(intermediate);
                }
            }
        }

        foreach (StateDraft state in definition.States)
        {
            if (!reached.Contains(state.Name))
            {
                // A state declared elsewhere (the base's, or a foreign enum's) is reported where this definition names it.
                Location? location = state.Field?.Locations.FirstOrDefault()
                    ?? (Named(protocol, "States") is { IsNull: false } ? _locations.Argument(protocol, "States") : null)
                    ?? (definition.Extends ? _locations.Argument(protocol, "Extends") : null)
                    ?? definition.Type.Locations.FirstOrDefault();
                Report(DiagnosticDescriptors.UnreachableState, location, state.Name);
            }
        }
    }

    /// <summary>
    /// Maps a state constant to its member name. It must be a member of one of the definition's state enums
    /// (its own, its bases', or a base's generated one); anything else is reported.
    /// </summary>
    private string? ToState(Definition definition, TypedConstant value, AttributeData attribute, string argument) =>
        ToMember(
            definition,
            value,
            _locations.Argument(attribute, argument),
            definition.StateEnums.Contains,
            name => definition.States.Exists(s => s.Name == name),
            () => Report(DiagnosticDescriptors.UndeclaredState, _locations.Argument(attribute, argument), value.ToCSharpString(), definition.ProtocolName));

    /// <summary>
    /// Maps an enum constant to its member's name when its enum has the role (<paramref name="ofRole"/>) and the
    /// member is the protocol's (<paramref name="exists"/>); anything else is reported. A constant the compiler could
    /// not bind is the compiler's to report, except in a definition that extends another: there it may name an enum
    /// the generator writes, which the compiler will find in the end, so the generator says it cannot read it.
    /// </summary>
    private string? ToMember(Definition definition, TypedConstant value, Location? location, System.Func<INamedTypeSymbol, bool> ofRole, System.Func<string, bool> exists, System.Action report)
    {
        if (value.Kind == TypedConstantKind.Error)
        {
            definition.IsWhole = false;
            if (definition.Extends)
            {
                Report(DiagnosticDescriptors.UnreadableReference, location, location?.SourceTree?.GetText().ToString(location.SourceSpan) ?? value.ToCSharpString());
            }

            return null;
        }

        if (value.Kind == TypedConstantKind.Enum
            && value.Type is INamedTypeSymbol enumType
            && ofRole(enumType)
            && MemberName(enumType, value.Value) is { } name
            && exists(name))
        {
            return name;
        }

        report();
        return null;
    }

    /// <summary>An enum member's full name, for a <c>cref</c> from the generated enum that holds it again.</summary>
    private static string Origin(IFieldSymbol field) =>
        field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + field.Name;

    private static string? MemberName(INamedTypeSymbol enumType, object? value) =>
        Fields(enumType).FirstOrDefault(f => Equals(f.ConstantValue, value))?.Name;

    private static long NextValue(IEnumerable<long> values)
    {
        long next = 0;
        foreach (long value in values)
        {
            next = System.Math.Max(next, value + 1);
        }

        return next;
    }

    private static long ToLong(object? constant) => constant switch
    {
        int i => i,
        long l => l,
        uint u => u,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        ulong ul => unchecked((long)ul),
        _ => 0,
    };

    private static IEnumerable<IFieldSymbol> Fields(INamedTypeSymbol enumType) =>
        enumType.GetMembers().OfType<IFieldSymbol>().Where(static f => f.HasConstantValue);

    /// <summary>Whether a member of the enum carries the attribute: the enum then has that role.</summary>
    private static bool Declares(INamedTypeSymbol enumType, string attributeName) =>
        Fields(enumType).Any(f => FindAttribute(f, attributeName) is not null);

    private static AttributeData? FindAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == fullName);

    private static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                return named.Value;
            }
        }

        return null;
    }

    /// <summary>The values of an array argument; null when it is not given (or given as null).</summary>
    private static ImmutableArray<TypedConstant>? NamedArray(AttributeData attribute, string name) =>
        Named(attribute, name) is { Kind: TypedConstantKind.Array, IsNull: false } array ? array.Values : null;

    /// <summary>
    /// Whether an argument was read: false when the compiler could not bind it (the compiler reports that, and in a
    /// definition that extends another the generator says why it may not be able to see it).
    /// </summary>
    private bool IsBound(Definition definition, AttributeData attribute, string name)
    {
        if (Named(attribute, name) is not { Kind: TypedConstantKind.Error } value)
        {
            return true;
        }

        definition.IsWhole = false;
        if (definition.Extends)
        {
            Location? location = _locations.Argument(attribute, name);
            Report(DiagnosticDescriptors.UnreadableReference, location, location?.SourceTree?.GetText().ToString(location.SourceSpan) ?? value.ToCSharpString());
        }

        return false;
    }

    private static string? EnumMemberName(TypedConstant value) =>
        value.Type is INamedTypeSymbol type ? MemberName(type, value.Value) : null;

    /// <summary>The member a setting names; null, reported, for a value cast to the enum that none of its members has.</summary>
    private string? EnumMember(AttributeData attribute, string setting, TypedConstant value)
    {
        if (EnumMemberName(value) is { } name)
        {
            return name;
        }

        if (value.Kind == TypedConstantKind.Enum)
        {
            Report(DiagnosticDescriptors.ValueOutsideEnum, _locations.Argument(attribute, setting), setting, value.Value?.ToString() ?? "null", value.Type?.Name ?? "its enum");
        }

        return null;
    }

    /// <summary>The first constructor argument, or null when the attribute does not bind (the compiler reports that).</summary>
    private static object? FirstArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value : null;

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            _errors++;
        }

        if (_muted == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }
    }
}
