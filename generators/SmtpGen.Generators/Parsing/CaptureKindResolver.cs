using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>
/// Finds the class behind a capture kind: <c>{domain}</c> is <c>SmtpGen.Captures.Domain</c>, and a kind
/// with dots is a class of the user's, given by its full name. A kind is any class with
/// <c>static bool TryScan(ReadOnlySpan&lt;byte&gt;, scoped ref int, out T)</c> (scoped, so that the value cannot hold on to the caller's cursor) and
/// <c>static bool TryWrite(Span&lt;byte&gt;, T, out int)</c> (which throws for a value <c>TryScan</c> would not read back
/// and returns false when the value does not fit), so adding one needs no change to the generator; and, if it likes,
/// the <c>TryWrite</c> overload that takes <c>string paramName</c> too, for the exception's name of the value.
/// </summary>
internal sealed class CaptureKindResolver(Compilation compilation)
{
    private const string RuntimeNamespace = "SmtpGen.Captures.";

    private readonly Dictionary<string, CaptureKindModel?> _cache = new();

    public CaptureKindModel? Resolve(string kind)
    {
        if (!_cache.TryGetValue(kind, out CaptureKindModel? model))
        {
            model = Find(kind);
            _cache.Add(kind, model);
        }

        return model;
    }

    /// <summary>
    /// A hint for a kind that names nothing usable, as a sentence to follow the diagnostic, or empty: for a class that
    /// exists, what keeps it from being a kind; for a full name, that no class has it (or a nested class does); the
    /// built-in kind it misspells (<c>atom</c>, <c>Atomm</c>), a kind of the user's named without its namespace, or, for a
    /// word in capitals (<c>LAST</c>), that a single value is a choice once it is named.
    /// </summary>
    /// <param name="kind">The kind as written.</param>
    /// <param name="capture">The capture's name, for the choice the hint writes.</param>
    public string HintFor(string kind, string capture)
    {
        if (compilation.GetTypeByMetadataName(MetadataName(kind)) is { } named)
        {
            return " " + WhyNotAKind(named);
        }

        int last = kind.LastIndexOf('.');
        if (last >= 0)
        {
            return compilation.GetTypeByMetadataName(kind.Substring(0, last) + "+" + kind.Substring(last + 1)) is not null
                ? $" '{kind}' is a nested class, which a kind cannot be: declare it in a namespace."
                : $" No class has the full name '{kind}'.";
        }

        if (compilation.GetTypeByMetadataName(RuntimeNamespace + "Atom")?.ContainingNamespace is not { } captures)
        {
            return "";
        }

        foreach (INamedTypeSymbol type in captures.GetTypeMembers())
        {
            if (type.DeclaredAccessibility == Accessibility.Public && type.Name != kind && Resolve(type.Name) is not null
                && (string.Equals(type.Name, kind, System.StringComparison.OrdinalIgnoreCase) || (kind.Length > 3 && Distance(type.Name, kind) <= 2)))
            {
                return $" Did you mean '{type.Name}'?";
            }
        }

        // A kind of the user's named without its namespace, as C# would find it: the full name is what the pattern needs.
        foreach (ISymbol symbol in compilation.GetSymbolsWithName(kind, SymbolFilter.Type))
        {
            if (symbol is INamedTypeSymbol { ContainingType: null, ContainingNamespace.IsGlobalNamespace: false } type
                && Resolve(type.ToDisplayString()) is not null)
            {
                return $" Did you mean '{type.ToDisplayString()}'? A kind of your own is named by its full name.";
            }
        }

        bool letters = true;
        foreach (char c in kind)
        {
            if (c is >= 'a' and <= 'z')
            {
                return "";
            }

            letters &= c is >= 'A' and <= 'Z';
        }

        string pascal = kind.Substring(0, 1) + kind.Substring(1).ToLowerInvariant();
        string name = letters && System.Array.IndexOf(PatternParser.ObjectMembers, pascal) < 0 ? pascal : "Value";
        return $" To take the single value {kind}, name it as a choice: {{{capture}:{name}={kind}}}.";
    }

    /// <summary>The edit distance of two names, ignoring case (Levenshtein).</summary>
    private static int Distance(string a, string b)
    {
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = System.Math.Min(System.Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>What keeps a class that exists from being a kind: the first requirement it does not meet, as a sentence.</summary>
    private string WhyNotAKind(INamedTypeSymbol type)
    {
        ITypeSymbol? valueType = FindTryScanValueType(type);
        if (valueType is null)
        {
            foreach (ISymbol member in type.GetMembers("TryScan"))
            {
                if (member is IMethodSymbol method)
                {
                    if (!compilation.IsSymbolAccessibleWithin(method, compilation.Assembly))
                    {
                        return $"'{type.Name}.TryScan' cannot be called from the definition's assembly.";
                    }

                    if (method.Parameters is [_, { RefKind: RefKind.Ref, ScopedKind: ScopedKind.None }, _])
                    {
                        return $"'{type.Name}.TryScan' takes 'ref int', not 'scoped ref int'.";
                    }
                }
            }

            return $"'{type.Name}' has no static bool TryScan(ReadOnlySpan<byte>, scoped ref int, out T).";
        }

        return valueType is ITypeParameterSymbol
            ? $"'{type.Name}.TryScan' is generic, which a kind's methods cannot be."
            : valueType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                ? $"The value of '{type.Name}.TryScan', {valueType.ToDisplayString()}, is a nullable value type."
                : $"'{type.Name}' has no static bool TryWrite(Span<byte>, {valueType.ToDisplayString()}, out int) that the definition's assembly can call, for the value its TryScan gives.";
    }

    /// <summary>The metadata name of the class a kind names: a full name as written, or a class of <c>SmtpGen.Captures</c>.</summary>
    private static string MetadataName(string kind) => kind.IndexOf('.') >= 0 ? kind : RuntimeNamespace + kind;

    private CaptureKindModel? Find(string kind)
    {
        if (compilation.GetTypeByMetadataName(MetadataName(kind)) is not { } type)
        {
            return null;
        }

        // The generated code calls the methods, and says "absent" with a nullable of the value: so they must be
        // accessible from the definition's assembly, and the value not a nullable already (int? would become int??).
        ITypeSymbol? valueType = FindTryScanValueType(type);
        if (valueType is null or ITypeParameterSymbol || valueType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || !HasWriter(type, valueType, namesArgument: false))
        {
            return null;
        }

        return new CaptureKindModel(
            kind,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HasIsEmpty(valueType) ? Presence.NotEmpty
                : valueType.IsRefLikeType ? Presence.None
                : valueType.IsReferenceType ? Presence.Reference
                : Presence.Nullable,
            IsRefLike: valueType.IsRefLikeType,
            NamesArgument: HasWriter(type, valueType, namesArgument: true));
    }

    private ITypeSymbol? FindTryScanValueType(INamedTypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers("TryScan"))
        {
            if (member is IMethodSymbol { IsStatic: true, ReturnType.SpecialType: SpecialType.System_Boolean } method
                && compilation.IsSymbolAccessibleWithin(method, compilation.Assembly)
                && method.Parameters.Length == 3
                && IsByteSpan(method.Parameters[0].Type)
                && method.Parameters[1] is { RefKind: RefKind.Ref, ScopedKind: ScopedKind.ScopedRef, Type.SpecialType: SpecialType.System_Int32 }
                && method.Parameters[2].RefKind == RefKind.Out)
            {
                return method.Parameters[2].Type;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the kind has <c>TryWrite(Span&lt;byte&gt;, T, out int)</c>, or with <paramref name="namesArgument"/> the
    /// overload that also takes the name its <see cref="System.ArgumentException"/> gives the value (as SmtpGen's kinds
    /// do), a <c>string paramName</c> after the other three: a generated writer then passes its own parameter's name.
    /// </summary>
    private bool HasWriter(INamedTypeSymbol type, ITypeSymbol valueType, bool namesArgument)
    {
        foreach (ISymbol member in type.GetMembers("TryWrite"))
        {
            if (member is IMethodSymbol { IsStatic: true, ReturnType.SpecialType: SpecialType.System_Boolean } method
                && compilation.IsSymbolAccessibleWithin(method, compilation.Assembly)
                && method.Parameters.Length == (namesArgument ? 4 : 3)
                && method.Parameters[0].Type is INamedTypeSymbol { Name: "Span", TypeArguments: [{ SpecialType: SpecialType.System_Byte }] }
                && method.Parameters[1].RefKind == RefKind.None
                && SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, valueType)
                && method.Parameters[2] is { RefKind: RefKind.Out, Type.SpecialType: SpecialType.System_Int32 }
                && (!namesArgument || method.Parameters[3] is { Name: "paramName", RefKind: RefKind.None, Type.SpecialType: SpecialType.System_String }))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsByteSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments: [{ SpecialType: SpecialType.System_Byte }] };

    private static bool HasIsEmpty(ITypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers("IsEmpty"))
        {
            if (member is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_Boolean })
            {
                return true;
            }
        }

        return false;
    }
}
