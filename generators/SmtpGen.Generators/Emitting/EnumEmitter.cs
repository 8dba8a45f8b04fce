using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the enums of a definition that extends another: the base's members, with the base's values, and the
/// definition's own after them. Code that knows the base can therefore read a base member's value as is.
/// </summary>
internal static class EnumEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        bool first = true;
        foreach (EnumModel @enum in model.GeneratedEnums)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line($"/// <summary>{Names.Xml(@enum.Summary)} Extends <see cref=\"{model.BaseName}\"/>.</summary>");
            writer.OpenBlock($"public enum {@enum.Name}");
            for (int i = 0; i < @enum.Members.Count; i++)
            {
                EnumMemberModel member = @enum.Members[i];
                if (i > 0)
                {
                    writer.Line();
                }

                string summary = member.Summary.Length == 0 ? ""
                    : Names.Xml(member.Summary) + (member.Summary.EndsWith(".", System.StringComparison.Ordinal) ? " " : ". ");
                writer.Line($"/// <summary>{summary}See <see cref=\"{member.Origin}\"/>.</summary>");

                writer.Line($"{member.Name} = {member.Value},");
            }

            writer.CloseBlock();
        }

        writer.CloseBlock();
        return writer.ToString();
    }
}
