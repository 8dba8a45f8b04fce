using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the session's state machine: which commands may come in which state (a server answers the others
/// with "bad sequence of commands") and where a reply to a command leads. Server and client walk the same
/// machine; only who asks differs.
/// </summary>
internal static class StateMachineEmitter
{
    public static string Emit(ProtocolModel model)
    {
        string state = model.StateEnum, verb = model.VerbEnum;
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        writer.Line("/// <summary>The state a session starts in.</summary>");
        writer.Line($"public const {state} InitialState = {state}.{model.States[0]};");
        writer.Line();
        writer.Line("/// <summary>Whether <paramref name=\"verb\"/> may come in <paramref name=\"state\"/>.</summary>");
        writer.Line($"public static bool IsAllowed({state} state, {verb} verb) => verb switch");
        writer.Line("{");
        writer.Indent();
        foreach (CommandModel command in model.Commands)
        {
            IEnumerable<string> from = command.Transitions.SelectMany(t => t.In);
            writer.Line($"{verb}.{command.Member} => {StateTest(model, from)},");
        }

        writer.Line("_ => false,");
        writer.CloseBlock("};");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Where the session goes when <paramref name=\"verb\"/>, sent in <paramref name=\"state\"/>, is answered with");
        writer.Line("/// <paramref name=\"replyCode\"/>: a positive completion (2yz) follows the command's transition, a positive");
        writer.Line("/// intermediate or preliminary reply (3yz, 1yz) enters its intermediate state, any reply that ends that");
        writer.Line("/// intermediate exchange completes the command, and other replies leave the state as it was.");
        writer.Line("/// </summary>");
        writer.Line($"public static {state} Next({state} state, {verb} verb, int replyCode) => (verb, replyCode / 100) switch");
        writer.Line("{");
        writer.Indent();
        foreach (CommandModel command in model.Commands)
        {
            EmitArms(writer, model, command);
        }

        writer.Line("_ => state,");
        writer.CloseBlock("};");
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitArms(SourceWriter writer, ProtocolModel model, CommandModel command)
    {
        string state = model.StateEnum;
        string verb = $"{model.VerbEnum}.{command.Member}";
        if (command.Intermediate is { } intermediate)
        {
            IEnumerable<string> from = command.Transitions.SelectMany(t => t.In).Append(intermediate).Distinct();
            writer.Line($"({verb}, 1 or 3) when {StateTest(model, from)} => {state}.{intermediate},");
            if (!command.Transitions.Any(t => t.In.Contains(intermediate)))
            {
                // The final reply of the exchange answers this same command (DATA's after the message data). Where
                // the command may itself come in its intermediate state (FTP's USER while a password is due), a
                // reply there answers that new command and the ordinary arms apply.
                writer.Line($"({verb}, 2 or 4 or 5) when state is {state}.{intermediate} => {state}.{command.Then},");
            }
        }

        foreach (TransitionModel transition in command.Transitions)
        {
            if (transition.Then is { } then)
            {
                writer.Line($"({verb}, 2) when {StateTest(model, transition.In)} => {state}.{then},");
            }
        }
    }

    private static string StateTest(ProtocolModel model, IEnumerable<string> states)
    {
        List<string> list = states.ToList();
        return list.Count == 0 ? "false" : "state is " + string.Join(" or ", list.Select(s => $"{model.StateEnum}.{s}"));
    }
}
