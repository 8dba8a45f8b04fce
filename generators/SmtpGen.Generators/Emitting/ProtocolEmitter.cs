using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>Turns a model into its generated files: a pure function of the model, one file per concern.</summary>
internal static class ProtocolEmitter
{
    /// <summary>
    /// What the names of a definition's generated files start with: its full name, without the @ a keyword in the
    /// namespace keeps there, which a file's name may not hold.
    /// </summary>
    public static string FilePrefix(ProtocolModel model) => model.FullName.Replace("@", "");

    public static IEnumerable<(string HintName, string Source)> Emit(ProtocolModel model)
    {
        string prefix = FilePrefix(model);
        if (model.GeneratedEnums.Count > 0)
        {
            yield return (prefix + ".Enums.g.cs", EnumEmitter.Emit(model));
        }

        yield return (prefix + ".Commands.g.cs", CommandParserEmitter.Emit(model));
        yield return (prefix + ".Writers.g.cs", CommandWriterEmitter.Emit(model));
        if (model.Options.HasStatusReplies)
        {
            // Without a status token (SMTPGEN035) there is no reply parser to write.
            if (model.Statuses.Count > 0)
            {
                yield return (prefix + ".Replies.g.cs", StatusReplyEmitter.Emit(model));
            }
        }
        else if (model.Options.HasReplies)
        {
            yield return (prefix + ".Replies.g.cs", ReplyEmitter.Emit(model));
        }

        if (model.Commands.Any(static c => c.Body is not null))
        {
            yield return (prefix + ".ResponseBodies.g.cs", ResponseBodyEmitter.Emit(model));
        }

        yield return (prefix + ".StateMachine.g.cs", StateMachineEmitter.Emit(model));
        yield return (prefix + ".StateDiagram.g.cs", DiagramEmitter.Emit(model));
        yield return (prefix + ".Grammar.g.cs", GrammarEmitter.Emit(model));
        if (model.Extensions.Count > 0)
        {
            yield return (prefix + ".Extensions.g.cs", ExtensionEmitter.Emit(model));
        }

        if (model.CommandParameters.Count > 0)
        {
            yield return (prefix + ".Parameters.g.cs", ParameterEmitter.Emit(model));
        }

        if (model.Choices.Count > 0)
        {
            yield return (prefix + ".Choices.g.cs", ChoiceEmitter.Emit(model));
        }

        if (model.Lists.Count > 0)
        {
            yield return (prefix + ".Lists.g.cs", ListEmitter.Emit(model));
        }
    }
}
