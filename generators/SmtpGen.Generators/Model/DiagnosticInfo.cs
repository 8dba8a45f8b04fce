using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SmtpGen.Generators.Model;

/// <summary>
/// A diagnostic as plain data: the descriptor, where it points and its message arguments. It holds no
/// <see cref="Location"/> (which would keep a syntax tree alive and defeat caching); the location is
/// rebuilt against the current compilation when the diagnostic is reported.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        object[] arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), arguments);
    }
}

/// <summary>A source location as plain data: the file, the span and its lines.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// Finds the syntax tree again so that the diagnostic has a real source location (and so
    /// <c>#pragma warning disable</c> applies to it); falls back to a file location.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath)
            {
                return Microsoft.CodeAnalysis.Location.Create(tree, Span);
            }
        }

        return Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
    }
}
