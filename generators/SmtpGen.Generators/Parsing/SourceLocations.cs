using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>
/// Where in the definition's source a diagnostic points: an attribute, one of its arguments, or a token inside
/// a pattern string. A definition read from metadata has no source, and every location is then null.
/// </summary>
internal sealed class SourceLocations(CancellationToken cancellationToken)
{
    public Location? Attribute(AttributeData attribute) =>
        Syntax(attribute)?.GetLocation();

    /// <summary>The named argument <paramref name="name"/> (<c>In = [...]</c>), or the whole attribute.</summary>
    public Location? Argument(AttributeData attribute, string name)
    {
        if (Syntax(attribute) is { ArgumentList: { } list })
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.Text == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return Attribute(attribute);
    }

    /// <summary>The attribute's first positional argument (a command's pattern), or the whole attribute.</summary>
    public Location? FirstArgument(AttributeData attribute) =>
        Syntax(attribute) is { ArgumentList.Arguments: [var first, ..] } ? first.GetLocation() : Attribute(attribute);

    /// <summary>
    /// The stretch <paramref name="span"/> of the pattern written as the attribute's first argument. A plain
    /// string literal maps character for character; one with escapes, a verbatim or raw string or a constant
    /// does not, and the whole argument is given instead.
    /// </summary>
    public Location? InPattern(AttributeData attribute, PatternSpan span, int argument = 0)
    {
        if (Syntax(attribute) is { ArgumentList.Arguments: { } arguments }
            && arguments.Count > argument
            && arguments[argument].Expression is LiteralExpressionSyntax literal
            && literal.Token.IsKind(SyntaxKind.StringLiteralToken)
            && literal.Token.Text.Length == literal.Token.ValueText.Length + 2
            && literal.Token.Text[0] == '"'
            && span.Start + span.Length <= literal.Token.ValueText.Length)
        {
            int start = literal.Token.SpanStart + 1 + span.Start;
            return Location.Create(literal.SyntaxTree, new TextSpan(start, span.Length));
        }

        return Syntax(attribute) is { ArgumentList.Arguments: { } all } && all.Count > argument ? all[argument].GetLocation() : Attribute(attribute);
    }

    /// <summary>
    /// Whether every argument written on the attribute was bound. An argument the compiler could not bind
    /// (<c>Then = State.Nope</c>) is an error value, which it reports; the generator must then not judge the
    /// definition whole.
    /// </summary>
    public bool AllArgumentsBound(AttributeData attribute)
    {
        if (attribute.AttributeConstructor is null)
        {
            return false;
        }

        foreach (TypedConstant argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Error)
            {
                return false;
            }
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                return false;
            }
        }

        return Syntax(attribute) is not { ArgumentList: { } list }
            || list.Arguments.Count == attribute.ConstructorArguments.Length + attribute.NamedArguments.Length;
    }

    private AttributeSyntax? Syntax(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
}
