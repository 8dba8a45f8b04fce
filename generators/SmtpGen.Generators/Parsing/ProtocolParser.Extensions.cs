using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

internal sealed partial class ProtocolParser
{
    private const string ExtensionAttributeName = "SmtpGen.ExtensionAttribute";
    private const string ParameterAttributeName = "SmtpGen.ParameterAttribute";
    private const string ParametersValueType = "global::SmtpGen.EsmtpParameters";
    private const string TextValueType = "global::System.ReadOnlySpan<byte>";
    private const int MaxExtensions = 64;

    /// <summary>
    /// Names that the captures on extensions' lines cannot have: the parameters and locals of
    /// <c>FormatExtensionLines</c>, and the members of <c>Capabilities</c> (a capture becomes a property there; so
    /// does no name that starts with "read", the prefix of its readers). Those of every object no capture may take.
    /// </summary>
    private static readonly string[] ExtensionLineNames =
        ["replyCode", "offered", "code", "last", "lines", "announced", "has", "tryAdd", "keyword", "space", "capabilities"];

    /// <summary>
    /// The service extensions: the base's, then this definition's own (one of the base's name replaces it), each
    /// with the line that announces it and the parameters it brings, which are bound to commands later.
    /// </summary>
    private void ReadExtensions(Definition definition)
    {
        if (definition.Base is { } @base)
        {
            definition.Extensions.AddRange(@base.Extensions);
            definition.ExtensionEnums.UnionWith(@base.ExtensionEnums);
            if (GeneratedEnum(@base, "Extension") is { } generated)
            {
                definition.ExtensionEnums.Add(generated);
            }
        }

        if (definition.ExtensionEnum is not { } extensionEnum)
        {
            return;
        }

        definition.ExtensionEnums.Add(extensionEnum);
        long next = NextValue(definition.Extensions.Select(static e => e.Value));

        // The captures on all extensions' lines become the parameters of one method and the properties of one class,
        // so their names are distinct across the protocol, the base's extensions included (less those replaced here).
        var captured = new Dictionary<string, string>();
        foreach (ExtensionDraft inherited in definition.Extensions)
        {
            if (inherited.Model is { } model && !Fields(extensionEnum).Any(f => f.Name == inherited.Member))
            {
                foreach (CaptureModel capture in PatternWalker.Captures(model.Tail))
                {
                    captured[capture.Name] = model.Line;
                }
            }
        }

        foreach (IFieldSymbol field in Fields(extensionEnum))
        {
            int inherited = definition.Extensions.FindIndex(e => e.Member == field.Name);
            long value = inherited >= 0 ? definition.Extensions[inherited].Value : definition.Extends ? next++ : ToLong(field.ConstantValue);
            if (value is < 0 or >= MaxExtensions)
            {
                Report(DiagnosticDescriptors.ExtensionOutOfRange, field.Locations.FirstOrDefault(), field.Name, value.ToString());
                continue;
            }

            var extension = new ExtensionDraft(field.Name, value, ReadExtensionLine(definition, field, captured), Origin(field));
            foreach (AttributeData attribute in field.GetAttributes())
            {
                // An extension whose line has a mistake is not generated, and neither are its parameters.
                if (extension.Model is not null
                    && attribute.AttributeClass?.ToDisplayString() == ParameterAttributeName
                    && ReadParameter(field, attribute) is { } parameter)
                {
                    if (!IsBound(definition, attribute, "Of"))
                    {
                        continue;
                    }

                    ImmutableArray<TypedConstant> of = NamedArray(attribute, "Of") ?? ImmutableArray<TypedConstant>.Empty;
                    if (of.IsEmpty)
                    {
                        Report(DiagnosticDescriptors.ParameterWithoutCommand, _locations.Attribute(attribute), parameter.Pattern, "Of = [...] names no command");
                        continue;
                    }

                    extension.Parameters.Add((parameter, of, attribute));
                }
            }

            if (extension.Model is { } line
                && definition.Extensions.Find(e => e.Member != field.Name && string.Equals(e.Model?.Keyword, line.Keyword, System.StringComparison.OrdinalIgnoreCase)) is { } same)
            {
                Report(DiagnosticDescriptors.DuplicateVerb, _locations.FirstArgument(FindAttribute(field, ExtensionAttributeName)!), "extension keyword", line.Keyword, same.Member, field.Name);
                continue;
            }

            if (inherited >= 0)
            {
                definition.Extensions[inherited] = extension;
            }
            else
            {
                definition.Extensions.Add(extension);
            }
        }
    }

    private ExtensionModel? ReadExtensionLine(Definition definition, IFieldSymbol field, Dictionary<string, string> captured)
    {
        ProtocolOptions options = definition.Options;
        AttributeData? attribute = FindAttribute(field, ExtensionAttributeName);
        if (attribute is null)
        {
            Report(DiagnosticDescriptors.MissingExtensionLine, field.Locations.FirstOrDefault(), field.Name);
            return null;
        }

        if (!options.HasReplies || options.HasStatusReplies)
        {
            // The announcing lines are lines of a numeric multi-line reply (EHLO's 250-...).
            Report(DiagnosticDescriptors.ExtensionWithoutNumericReplies, _locations.Attribute(attribute), field.Name, options.ReplyForm);
            return null;
        }

        string line = FirstArgument(attribute) as string ?? "";
        PatternSyntax syntax = PatternParser.Parse(line, maxVerbLength: int.MaxValue);
        if (syntax.Error is not null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, syntax.ErrorSpan), line, syntax.Error);
            return null;
        }

        if (ResolveNodes(syntax.Tail, line, attribute, captured, optional: false, listOwner: definition.Type) is not { } tail)
        {
            return null;
        }

        var own = new HashSet<string>(PatternWalker.Captures(tail).Select(static c => c.Name));
        foreach ((PatternNode node, bool optional) in PatternWalker.CaptureNodes(tail).Zip(PatternWalker.CapturesWithOptionality(tail), static (n, c) => (n, c.Optional)))
        {
            CaptureModel capture = node.Capture!;
            CaptureKindModel value = capture.Kind.Element ?? capture.Kind;
            string? problem = value.ValueType != TextValueType && value.Presence != Presence.Nullable
                ? "a capture on an extension's line must be of a kind whose value is a number or other value type, or text, or a list of such values"
                : System.Array.IndexOf(ExtensionLineNames, capture.Name) >= 0 || capture.PropertyName.StartsWith("Read", System.StringComparison.Ordinal)
                    ? $"'{capture.Name}' is a name the generated FormatExtensionLines or Capabilities uses"
                    : (optional && captured.ContainsKey("has" + capture.PropertyName) && !own.Contains("has" + capture.PropertyName)) || IsHasOf(capture.Name, captured)
                        ? $"'{capture.Name}' and the flag that says whether an optional capture was given ('has' and its name) would have one name"
                        : null;
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, node.Span), line, problem);
                return null;
            }
        }

        return new ExtensionModel(field.Name, 0, line, syntax.Verb, tail);
    }

    private ParameterModel? ReadParameter(IFieldSymbol extension, AttributeData attribute)
    {
        string pattern = FirstArgument(attribute) as string ?? "";
        PatternSyntax syntax = PatternParser.ParseParameter(pattern);
        if (syntax.Error is not null)
        {
            Report(DiagnosticDescriptors.InvalidPattern, _locations.InPattern(attribute, syntax.ErrorSpan), pattern, syntax.Error);
            return null;
        }

        int extendsLineBy = Named(attribute, "ExtendsLineBy")?.Value is int octets ? octets : 0;
        if (!CheckLineLimit(attribute, "ExtendsLineBy", extendsLineBy, minimum: 0))
        {
            return null;
        }

        if (syntax.Choices.Count > 0)
        {
            return new ParameterModel(extension.Name, syntax.Verb, PatternParser.ToPascalCase(syntax.CaptureName!), ParameterForm.Choice, null, syntax.Choices.ToEquatableArray(), syntax.ChoiceNames.ToEquatableArray(), extendsLineBy);
        }

        if (syntax.Tail.Count == 0)
        {
            return new ParameterModel(extension.Name, syntax.Verb, extension.Name, ParameterForm.Flag, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, extendsLineBy);
        }

        if (ResolveNodes(syntax.Tail, pattern, attribute, new Dictionary<string, string>(), optional: true) is not { } nodes)
        {
            return null;
        }

        CaptureModel capture = nodes[0].Capture!;
        return new ParameterModel(extension.Name, syntax.Verb, capture.PropertyName, ParameterForm.Capture, capture, EquatableArray<string>.Empty, EquatableArray<string>.Empty, extendsLineBy);
    }

    /// <summary>Whether <paramref name="name"/> is <c>has{Name}</c> for another capture <c>{name}</c>.</summary>
    private static bool IsHasOf(string name, Dictionary<string, string> captured) =>
        name.Length > 3 && name.StartsWith("has", System.StringComparison.Ordinal) && char.IsUpper(name[3])
        && captured.ContainsKey(char.ToLowerInvariant(name[3]) + name.Substring(4));

    /// <summary>Maps a reference to an extension (<c>Extension = Extension.StartTls</c>) to its member name.</summary>
    private string? ToExtension(Definition definition, TypedConstant value, AttributeData attribute, string argument) =>
        ToMember(
            definition,
            value,
            _locations.Argument(attribute, argument),
            definition.ExtensionEnums.Contains,
            name => definition.Extensions.Exists(e => e.Member == name),
            () => Report(DiagnosticDescriptors.NotAnExtension, _locations.Argument(attribute, argument), value.ToCSharpString(), definition.ProtocolName));

    /// <summary>
    /// Binds each extension's parameters to the commands they name, which must have a capture of parameters; a
    /// base's parameter of a command this definition removed goes with the command.
    /// </summary>
    private void BindParameters(Definition definition)
    {
        var byCommand = new Dictionary<string, List<ParameterModel>>();

        // A choice's values are one class, {Property}Values, for the commands' patterns and the parameters alike.
        var choices = new Dictionary<string, EquatableArray<string>>();
        foreach (CaptureModel capture in definition.Commands.SelectMany(static c => PatternWalker.Captures(c.Tail)))
        {
            if (capture.Kind.Choices.Count > 0)
            {
                choices[capture.PropertyName] = capture.Kind.Choices;
            }
        }

        // The base's parameters first: where one of this definition's clashes with them, this definition's is the mistake.
        foreach (ExtensionDraft extension in definition.Extensions.OrderBy(e => definition.Base is null || !definition.Base.Extensions.Contains(e)))
        {
            foreach ((ParameterModel parameter, ImmutableArray<TypedConstant> of, AttributeData attribute) in extension.Parameters)
            {
                bool own = definition.Base is null || !definition.Base.Extensions.Contains(extension);
                foreach (TypedConstant value in of)
                {
                    string? member = value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol enumType && definition.VerbEnums.Contains(enumType)
                        ? MemberName(enumType, value.Value)
                        : null;
                    CommandDraft? command = member is null ? null : definition.Commands.Find(c => c.Member == member);
                    if (command is null || ParametersCapture(command) is null)
                    {
                        if (own && !(member is not null && definition.VerbMembers.Exists(m => m.Name == member) && command is null))
                        {
                            Report(DiagnosticDescriptors.ParameterWithoutCommand, _locations.Argument(attribute, "Of"), parameter.Pattern, $"'{member ?? value.ToCSharpString()}' has none");
                        }

                        continue;
                    }

                    if (!byCommand.TryGetValue(command.Member, out List<ParameterModel>? list))
                    {
                        byCommand[command.Member] = list = new List<ParameterModel>();
                    }

                    if (parameter.PropertyName == command.Member + "Parameters" || System.Array.IndexOf(PatternParser.ObjectMembers, parameter.PropertyName) >= 0)
                    {
                        Report(DiagnosticDescriptors.InvalidPattern, own ? _locations.FirstArgument(attribute) : null, parameter.Pattern, $"'{parameter.PropertyName}' cannot name a property of {command.Member}Parameters");
                        continue;
                    }

                    if (list.Find(p => p.Keyword == parameter.Keyword || p.PropertyName == parameter.PropertyName) is { } clash)
                    {
                        Report(DiagnosticDescriptors.DuplicateParameter, own ? _locations.FirstArgument(attribute) : null, command.Member, clash.Keyword == parameter.Keyword ? parameter.Keyword : parameter.PropertyName);
                        continue;
                    }

                    if (parameter.Form == ParameterForm.Choice
                        && choices.TryGetValue(parameter.PropertyName, out EquatableArray<string> values)
                        && values != parameter.Choices)
                    {
                        Report(DiagnosticDescriptors.DuplicateParameter, own ? _locations.FirstArgument(attribute) : null, command.Member, parameter.PropertyName + "Values");
                        continue;
                    }

                    int length = definition.Options.MaxCommandLine + parameter.ExtendsLineBy + list.Sum(static p => p.ExtendsLineBy);
                    if (length > MaxLineLimit)
                    {
                        // Each ExtendsLineBy is in range; together they may not take a line past what any limit may be.
                        Report(DiagnosticDescriptors.InvalidLineLimit, own ? _locations.Argument(attribute, "ExtendsLineBy") : null, $"Max{command.Member}Line", length.ToString(), "8");
                        continue;
                    }

                    if (parameter.Form == ParameterForm.Choice)
                    {
                        choices[parameter.PropertyName] = parameter.Choices;
                    }

                    list.Add(parameter);
                }
            }
        }

        foreach (CommandDraft command in definition.Commands)
        {
            if (byCommand.TryGetValue(command.Member, out List<ParameterModel>? parameters) && parameters.Count > 0)
            {
                definition.CommandParameters.Add(new CommandParametersModel(command.Member, command.Verb, ParametersCapture(command)!.Name, parameters.ToEquatableArray()));
            }
        }
    }

    /// <summary>The command's capture of ESMTP parameters, which its parameters are read from.</summary>
    private static CaptureModel? ParametersCapture(CommandDraft command) =>
        PatternWalker.Captures(command.Tail).FirstOrDefault(static c => c.Kind.ValueType == ParametersValueType);
}
