using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits <c>HasResponseBody</c>, which says of a parsed command whether a positive reply to it is followed by a
/// dot-terminated body (POP3's RETR; LIST without a message number).
/// </summary>
internal static class ResponseBodyEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        writer.Line("/// <summary>");
        writer.Line("/// Whether a positive reply to <paramref name=\"command\"/> is followed by a body: lines up to one of a single");
        writer.Line("/// dot, dot-stuffed, read with <see cref=\"global::SmtpGen.MailDataDecoder\"/> and written with");
        writer.Line("/// <see cref=\"global::SmtpGen.MailDataEncoder\"/>. A negative reply never has one.");
        writer.Line("/// </summary>");
        writer.Line("public static bool HasResponseBody(scoped in Command command) => command.Verb switch");
        writer.Line("{");
        writer.Indent();
        List<CommandModel> always = model.Commands.Where(static c => c.Body == "DotTerminated").ToList();
        if (always.Count > 0)
        {
            writer.Line(string.Join(" or ", always.Select(c => $"{model.VerbEnum}.{c.Member}")) + " => true,");
        }

        foreach (CommandModel command in model.Commands.Where(static c => c.Body == "DotTerminatedWithoutArguments"))
        {
            // Every argument of such a command is optional (SMTPGEN037 otherwise): the body comes when none is there.
            IEnumerable<string> absent = PatternWalker.Captures(command.Tail).Select(static c => "!command.Has" + c.PropertyName).Distinct();
            writer.Line($"{model.VerbEnum}.{command.Member} => {string.Join(" && ", absent)},");
        }

        writer.Line("_ => false,");
        writer.CloseBlock("};");
        writer.Line();
        EmitForVerb(writer, model, always);
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>The same for a command a client wrote, which it has not parsed: its verb, and whether it gave arguments.</summary>
    private static void EmitForVerb(SourceWriter writer, ProtocolModel model, List<CommandModel> always)
    {
        List<CommandModel> withoutArguments = model.Commands.Where(static c => c.Body == "DotTerminatedWithoutArguments").ToList();
        writer.Line("/// <summary>");
        writer.Line("/// Whether a positive reply to a command of <paramref name=\"verb\"/> is followed by a body, for a client that wrote");
        writer.Line("/// the command: as <see cref=\"HasResponseBody(in Command)\"/> says of the command parsed.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"verb\">The command's verb.</param>");
        writer.Line("/// <param name=\"withArguments\">Whether the command was written with arguments (a body of some commands comes only without them).</param>");
        writer.Line($"public static bool HasResponseBody({model.VerbEnum} verb, bool withArguments) => verb switch");
        writer.Line("{");
        writer.Indent();
        if (always.Count > 0)
        {
            writer.Line(string.Join(" or ", always.Select(c => $"{model.VerbEnum}.{c.Member}")) + " => true,");
        }

        if (withoutArguments.Count > 0)
        {
            writer.Line(string.Join(" or ", withoutArguments.Select(c => $"{model.VerbEnum}.{c.Member}")) + " => !withArguments,");
        }

        writer.Line("_ => false,");
        writer.CloseBlock("};");
    }
}
