using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpGen.Generators.Parsing;

internal sealed partial class ProtocolParser
{
    /// <summary>
    /// Checks what the generated code takes from the definition's own enums (commands, states, replies, extensions) and
    /// its name as they are: each enum as accessible as the definition (unless the definition extends another, whose
    /// generated enums its members then name), each member of a value of its own (the state machine and the extension
    /// sets tell members apart by value), and no name, of the class, an enum or a member, that is a C# keyword
    /// (<c>@default</c>), which the generated code would write without its <c>@</c>. Any of these leaves nothing to
    /// generate, for the definition or for one that extends it.
    /// </summary>
    private bool CheckEnums(Definition definition)
    {
        bool valid = CheckNotKeyword(definition.Type);
        foreach (INamedTypeSymbol? role in new[] { definition.VerbEnum, definition.StateEnum, definition.ReplyEnum, definition.ExtensionEnum })
        {
            if (role is null)
            {
                continue;
            }

            valid &= CheckNotKeyword(role);
            Accessibility enumAccess = EffectiveAccessibility(role), definitionAccess = EffectiveAccessibility(definition.Type);
            if (!definition.Extends && enumAccess < definitionAccess)
            {
                Report(DiagnosticDescriptors.EnumLessAccessible, role.Locations.FirstOrDefault(), role.Name, SyntaxFacts.GetText(enumAccess), definition.Type.Name, SyntaxFacts.GetText(definitionAccess));
                valid = false;
            }

            var byValue = new Dictionary<object, IFieldSymbol>();
            foreach (IFieldSymbol field in Fields(role))
            {
                valid &= CheckNotKeyword(field) & CheckNotObsoleteAsError(field);
                if (field.ConstantValue is not { } value)
                {
                    continue;
                }

                if (byValue.TryGetValue(value, out IFieldSymbol? first))
                {
                    Report(DiagnosticDescriptors.DuplicateEnumValue, field.Locations.FirstOrDefault(), first.Name, field.Name, role.Name, value.ToString());
                    valid = false;
                }
                else
                {
                    byValue[value] = field;
                }
            }
        }

        return valid;
    }

    /// <summary>
    /// A member marked <c>[Obsolete(..., error: true)]</c> cannot be named by the generated code (CS0619 there; the
    /// pragma of the generated files quiets only the warning form).
    /// </summary>
    private bool CheckNotObsoleteAsError(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute" && attribute.ConstructorArguments is [_, { Value: true }])
            {
                Report(DiagnosticDescriptors.ObsoleteAsError, field.Locations.FirstOrDefault(), field.Name);
                return false;
            }
        }

        return true;
    }

    private bool CheckNotKeyword(ISymbol symbol)
    {
        if (SyntaxFacts.GetKeywordKind(symbol.Name) == SyntaxKind.None)
        {
            return true;
        }

        Report(DiagnosticDescriptors.KeywordName, symbol.Locations.FirstOrDefault(), symbol.Name);
        return false;
    }

    /// <summary>How far a type can be seen: its own accessibility, narrowed by the types it is nested in.</summary>
    private static Accessibility EffectiveAccessibility(INamedTypeSymbol type)
    {
        Accessibility accessibility = type.DeclaredAccessibility;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            accessibility = outer.DeclaredAccessibility < accessibility ? outer.DeclaredAccessibility : accessibility;
        }

        return accessibility;
    }
}
