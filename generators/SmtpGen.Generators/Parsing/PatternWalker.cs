using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Parsing;

/// <summary>Walks the nodes of a pattern.</summary>
internal static class PatternWalker
{
    /// <summary>The octets of the literal text outside optional groups, in UTF-8: what every line of the pattern holds.</summary>
    public static int LiteralLength(EquatableArray<PatternNode> nodes)
    {
        int length = 0;
        foreach (PatternNode node in nodes)
        {
            if (node.Kind == PatternNodeKind.Literal)
            {
                length += System.Text.Encoding.UTF8.GetByteCount(node.Text);
            }
        }

        return length;
    }

    /// <summary>Every capture, in pattern order, with whether it sits in an optional group.</summary>
    public static IEnumerable<CaptureModel> Captures(EquatableArray<PatternNode> nodes)
    {
        foreach ((CaptureModel capture, _) in CapturesWithOptionality(nodes))
        {
            yield return capture;
        }
    }

    /// <summary>Every capture node, in pattern order.</summary>
    public static IEnumerable<PatternNode> CaptureNodes(EquatableArray<PatternNode> nodes)
    {
        foreach (PatternNode node in nodes)
        {
            if (node.Capture is not null)
            {
                yield return node;
            }

            foreach (PatternNode inner in CaptureNodes(node.Children))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The captures of <paramref name="nodes"/> inside an optional group: those a line of the command may leave out.</summary>
    public static IEnumerable<CaptureModel> OptionalCaptures(EquatableArray<PatternNode> nodes) =>
        CapturesWithOptionality(nodes).Where(static c => c.Optional).Select(static c => c.Capture);

    public static IEnumerable<(CaptureModel Capture, bool Optional)> CapturesWithOptionality(EquatableArray<PatternNode> nodes, bool optional = false)
    {
        foreach (PatternNode node in nodes)
        {
            if (node.Capture is { } capture)
            {
                yield return (capture, optional);
            }

            foreach ((CaptureModel Capture, bool Optional) inner in CapturesWithOptionality(node.Children, optional: true))
            {
                yield return inner;
            }
        }
    }
}
