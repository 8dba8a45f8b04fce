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
        string outcome = "global::SmtpGen.ReplyOutcome";
        writer.Line("/// <summary>");
        writer.Line("/// Where the session goes when <paramref name=\"verb\"/>, sent in <paramref name=\"state\"/>, is answered with a reply");
        writer.Line("/// of <paramref name=\"outcome\"/>: a positive reply follows the command's transition (<c>Then</c>), a negative one");
        writer.Line("/// its <c>Else</c>, an intermediate one enters its intermediate state; the reply that ends that exchange completes");
        writer.Line("/// the command, to its <c>Else</c> when negative and it has one, to its <c>Then</c> otherwise. Where the command");
        writer.Line("/// says nothing, the state stays as it was.");
        writer.Line("/// </summary>");
        writer.Line($"public static {state} Next({state} state, {verb} verb, {outcome} outcome) => (verb, outcome) switch");
        writer.Line("{");
        writer.Indent();
        foreach (CommandModel command in model.Commands)
        {
            EmitArms(writer, model, command, outcome);
        }

        writer.Line("_ => state,");
        writer.CloseBlock("};");
        writer.Line();
        EmitNextOfCommand(writer, model, outcome);
        if (model.Options.HasStatusReplies || !model.Options.HasReplies)
        {
            writer.CloseBlock();
            return writer.ToString();
        }

        writer.Line();
        bool informative = model.Options.InformativeReplies;
        EmitNextByCode(writer, state, verb, "verb", outcome, informative);
        writer.Line();
        EmitNextByCode(writer, state, "scoped in Command", "command", outcome, informative);
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// <c>Next(state, command, outcome)</c>: the verb's move, but for a command with <c>ThenOnlyWith</c>, whose positive
    /// reply without that capture leaves the state (BDAT's chunks before the last).
    /// </summary>
    private static void EmitNextOfCommand(SourceWriter writer, ProtocolModel model, string outcome)
    {
        string state = model.StateEnum;
        CommandModel[] partial = model.Commands.Where(static c => c.ThenOnlyWith is not null).ToArray();
        writer.Line("/// <summary>");
        writer.Line("/// Where the session goes when the parsed <paramref name=\"command\"/>, sent in <paramref name=\"state\"/>, is answered");
        writer.Line($"/// with a reply of <paramref name=\"outcome\"/>: as <see cref=\"Next({state}, {model.VerbEnum}, {outcome})\"/> for its verb{(partial.Length == 0 ? "." : ",")}");
        if (partial.Length > 0)
        {
            writer.Line($"/// except that a positive reply to {string.Join(" or ", partial.Select(c => $"{Names.Xml(c.Verb)} without {{{Names.Xml(c.ThenOnlyWith!.Name)}}}"))} leaves the state as it was.");
        }

        writer.Line("/// </summary>");
        string header = $"public static {state} Next({state} state, scoped in Command command, {outcome} outcome) =>";
        if (partial.Length == 0)
        {
            writer.Line($"{header} Next(state, command.Verb, outcome);");
            return;
        }

        IEnumerable<string> without = partial.Select(c => $"command.Verb == {model.VerbEnum}.{c.Member} && !command.Has{c.ThenOnlyWith!.PropertyName}");
        string stays = partial.Length == 1 ? without.Single() : "(" + string.Join(" || ", without.Select(static w => $"({w})")) + ")";
        writer.Line(header);
        writer.Indent();
        writer.Line($"outcome == {outcome}.Positive && {stays} ? state : Next(state, command.Verb, outcome);");
        writer.Unindent();
    }

    /// <summary>
    /// <c>Next</c> by reply code, for a verb or a parsed command: the code's class is its outcome, a 1yz positive where
    /// the protocol's 1yz replies are <paramref name="informative"/> (final).
    /// </summary>
    private static void EmitNextByCode(SourceWriter writer, string state, string type, string name, string outcome, bool informative)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Where the session goes when <paramref name=\"{name}\"/>, sent in <paramref name=\"state\"/>, is answered with");
        writer.Line(informative
            ? "/// <paramref name=\"replyCode\"/>: its class is its outcome (1yz and 2yz positive, 1yz being informative; 3yz intermediate;"
            : "/// <paramref name=\"replyCode\"/>: its class is its outcome (2yz positive; 1yz and 3yz intermediate; 4yz and 5yz");
        writer.Line(informative
            ? "/// 4yz and 5yz negative), and a code of no class leaves the state as it was."
            : "/// negative), and a code of no class leaves the state as it was.");
        writer.Line("/// </summary>");
        writer.Line($"public static {state} Next({state} state, {type} {name}, int replyCode) => (replyCode / 100) switch");
        writer.Line("{");
        writer.Indent();
        writer.Line($"{(informative ? "1 or 2" : "2")} => Next(state, {name}, {outcome}.Positive),");
        writer.Line($"{(informative ? "3" : "1 or 3")} => Next(state, {name}, {outcome}.Intermediate),");
        writer.Line($"4 or 5 => Next(state, {name}, {outcome}.Negative),");
        writer.Line("_ => state,");
        writer.CloseBlock("};");
    }

    private static void EmitArms(SourceWriter writer, ProtocolModel model, CommandModel command, string outcome)
    {
        string state = model.StateEnum;
        string verb = $"{model.VerbEnum}.{command.Member}";
        if (command.Intermediate is { } intermediate)
        {
            IEnumerable<string> from = command.Transitions.SelectMany(t => t.In).Append(intermediate).Distinct();
            writer.Line($"({verb}, {outcome}.Intermediate) when {StateTest(model, from)} => {state}.{intermediate},");
            if (!command.Transitions.Any(t => t.In.Contains(intermediate)))
            {
                // The final reply of the exchange answers this same command (DATA's after the message data). Where
                // the command may itself come in its intermediate state (FTP's USER while a password is due), a
                // reply there answers that new command and the ordinary arms apply.
                string? otherwise = command.Transitions[0].Else;
                if (otherwise is null || otherwise == command.Then)
                {
                    writer.Line($"({verb}, _) when state is {state}.{intermediate} => {state}.{command.Then},");
                }
                else
                {
                    writer.Line($"({verb}, {outcome}.Positive) when state is {state}.{intermediate} => {state}.{command.Then},");
                    writer.Line($"({verb}, {outcome}.Negative) when state is {state}.{intermediate} => {state}.{otherwise},");
                }
            }
        }

        foreach (TransitionModel transition in command.Transitions)
        {
            if (transition.Then is { } then)
            {
                writer.Line($"({verb}, {outcome}.Positive) when {StateTest(model, transition.In)} => {state}.{then},");
            }

            if (transition.Else is { } otherwise)
            {
                writer.Line($"({verb}, {outcome}.Negative) when {StateTest(model, transition.In)} => {state}.{otherwise},");
            }
        }
    }

    private static string StateTest(ProtocolModel model, IEnumerable<string> states)
    {
        List<string> list = states.ToList();
        return list.Count == 0 ? "false" : "state is " + string.Join(" or ", list.Select(s => $"{model.StateEnum}.{s}"));
    }
}
