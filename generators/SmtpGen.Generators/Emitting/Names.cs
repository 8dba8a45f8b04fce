using System.Text;

namespace SmtpGen.Generators.Emitting;

/// <summary>The runtime and BCL names that generated code uses, fully qualified, and literal helpers.</summary>
internal static class Names
{
    public const string Span = "global::System.ReadOnlySpan<byte>";
    public const string BufferWriter = "global::System.Buffers.IBufferWriter<byte>";
    public const string WriteBytes = "global::System.Buffers.BuffersExtensions.Write";
    public const string CommandStatus = "global::SmtpGen.CommandStatus";
    public const string CommandLine = "global::SmtpGen.CommandLine";
    public const string CommandLineBuilder = "global::SmtpGen.CommandLineBuilder";
    public const string CaptureRange = "global::SmtpGen.CaptureRange";
    public const string EsmtpParameters = "global::SmtpGen.EsmtpParameters";

    /// <summary>
    /// A call of <paramref name="kind"/>'s <c>TryWrite</c>, e.g. <c>Mailbox.TryWrite(line.Free, path, out written, nameof(path))</c>:
    /// a kind that names the value in its <see cref="System.ArgumentException"/> is given <paramref name="paramName"/>, a C#
    /// expression naming where the value came from in the generated method's parameters (<c>nameof(path)</c>, or
    /// <c>"values.EnvelopeId"</c> for a member of one, as <c>CallerArgumentExpression</c> would name it), so that the
    /// exception names what its caller passed.
    /// </summary>
    public static string TryWrite(Model.CaptureKindModel kind, string destination, string value, string written, string paramName) =>
        $"{kind.TypeName}.TryWrite({destination}, {value}, {written}{(kind.NamesArgument ? ", " + paramName : "")})";

    /// <summary>A C# UTF-8 string literal for ASCII text, e.g. <c>"250 OK\r\n"u8</c>.</summary>
    public static string Utf8Literal(string text) => StringLiteral(text) + "u8";

    public static string StringLiteral(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                // Line separators that would end a line of the generated source (C# counts them as new lines).
                case '\u0085': builder.Append("\\u0085"); break;
                case '\u2028': builder.Append("\\u2028"); break;
                case '\u2029': builder.Append("\\u2029"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// "a" or "an" before a protocol's name, as it is said: an acronym by its letters (an SMTP, an LMTP, an FTP, a
    /// POP3), a word by its first letter (an ECHO).
    /// </summary>
    public static string Article(string name)
    {
        if (name.Length == 0)
        {
            return "a";
        }

        char first = char.ToUpperInvariant(name[0]);
        bool acronym = name.Length > 1 && char.IsUpper(name[0]) && char.IsUpper(name[1]) && "AEIOU".IndexOf(name[1]) < 0;
        return (acronym ? "AEFHILMNORSX" : "AEIOU").IndexOf(first) >= 0 ? "an" : "a";
    }

    /// <summary>Text for an XML doc comment: on one line of it (C# ends a line at CR, LF, NEL and the Unicode separators).</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
            .Replace('\r', ' ').Replace('\n', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');

}
