using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the definition's <c>Grammar</c>: its parser and state machine behind <c>global::SmtpGen.ILineGrammar</c>,
/// so that generic code (a server running a definition that extends SMTP) can take the definition as a type argument.
/// </summary>
internal static class GrammarEmitter
{
    public static string Emit(ProtocolModel model)
    {
        string type = model.TypeName, state = model.StateEnum, verb = model.VerbEnum;
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {type}");
        writer.Line($"/// <summary>The {Names.Xml(model.ProtocolName)} parser and state machine as a type argument, for code that is generic over protocols.</summary>");
        writer.OpenBlock("public readonly struct Grammar : global::SmtpGen.ILineGrammar<Command>");
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public static {Names.CommandStatus} TryParseCommand({Names.Span} line, out Command command) => {type}.TryParseCommand(line, out command);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public static bool IsAllowed(int state, scoped in Command command) => {type}.IsAllowed(({state})state, command.Verb);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public static int NextState(int state, scoped in Command command, global::SmtpGen.ReplyOutcome outcome) => (int){type}.Next(({state})state, command, outcome);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public static bool IsAllowed(int state, int verb) => {type}.IsAllowed(({state})state, ({verb})verb);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public static int NextState(int state, int verb, global::SmtpGen.ReplyOutcome outcome) => (int){type}.Next(({state})state, ({verb})verb, outcome);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        string values = string.Join(" or ", model.Commands.Where(static c => c.IsInherited).Select(c => $"(int){verb}.{c.Member}"));
        writer.Line($"public static bool KeepsBaseCommand(int verb) => {(values.Length == 0 ? "false" : "verb is " + values)};");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
