using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>Emits the state machine as a Mermaid <c>stateDiagram-v2</c>, a constant string for docs and tools.</summary>
internal static class DiagramEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        writer.Line($"/// <summary>The {Names.Xml(model.ProtocolName)} state machine as a Mermaid state diagram: the transitions that change state.</summary>");
        writer.Line("public const string StateDiagram = \"\"\"");
        foreach (string line in Lines(model))
        {
            writer.Line(line);
        }

        writer.Line("\"\"\";");
        writer.CloseBlock();
        return writer.ToString();
    }

    internal static IEnumerable<string> Lines(ProtocolModel model)
    {
        yield return "stateDiagram-v2";
        yield return $"    [*] --> {model.States[0]}";
        var edges = new List<(string From, string To, List<string> Labels)>();
        foreach (CommandModel command in model.Commands)
        {
            foreach (TransitionModel transition in command.Transitions)
            {
                foreach (string from in transition.In)
                {
                    if (command.Intermediate is { } intermediate)
                    {
                        AddEdge(edges, from, intermediate, command.Verb + " (intermediate reply)");
                    }

                    if (transition.Then is { } then)
                    {
                        // A command with ThenOnlyWith moves only with that capture: BDAT's last chunk, "BDAT (with last)".
                        AddEdge(edges, from, then, command.ThenOnlyWith is { } capture ? $"{command.Verb} (with {capture.Name})" : command.Verb);
                    }

                    if (transition.Else is { } otherwise)
                    {
                        AddEdge(edges, from, otherwise, command.Verb + " (negative reply)");
                    }
                }
            }

            if (command is { Intermediate: { } middle, Then: { } end } && !command.Transitions.Any(t => t.In.Contains(middle)))
            {
                if (command.Transitions[0].Else is { } failed && failed != end)
                {
                    AddEdge(edges, middle, end, command.Verb + " (final positive reply)");
                    AddEdge(edges, middle, failed, command.Verb + " (final negative reply)");
                }
                else
                {
                    AddEdge(edges, middle, end, command.Verb + " (final reply)");
                }
            }
        }

        foreach ((string from, string to, List<string> labels) in edges)
        {
            yield return $"    {from} --> {to} : {string.Join(", ", labels)}";
        }

        var allowing = new HashSet<string>(model.Commands.SelectMany(c => c.Transitions).SelectMany(t => t.In));
        foreach (string state in model.States)
        {
            if (!allowing.Contains(state) && !edges.Any(e => e.From == state))
            {
                yield return $"    {state} --> [*]";
            }
        }
    }

    private static void AddEdge(List<(string From, string To, List<string> Labels)> edges, string from, string to, string label)
    {
        if (from == to)
        {
            return;
        }

        foreach ((string From, string To, List<string> Labels) edge in edges)
        {
            if (edge.From == from && edge.To == to)
            {
                if (!edge.Labels.Contains(label))
                {
                    edge.Labels.Add(label);
                }

                return;
            }
        }

        edges.Add((from, to, new List<string> { label }));
    }
}
