using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the service extensions: the <c>Extensions</c> set, the lines a server announces them with
/// (<c>FormatExtensionLines</c>, formatted once), the <c>Capabilities</c> a client reads those lines into, and
/// <c>IsOffered</c> for the commands an extension brings.
/// </summary>
internal static class ExtensionEmitter
{
    public static string Emit(ProtocolModel model)
    {
        string name = Names.Xml(model.ProtocolName), extension = model.ExtensionEnum!;
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        EmitSet(writer, model, name, extension);
        writer.Line();
        EmitFormat(writer, model, extension);
        writer.Line();
        // In Capabilities a capture's property may be named Extension too: the enum goes by its full name there.
        EmitTryGetExtension(writer, model, extension);
        writer.Line();
        EmitCapabilities(writer, model, name, $"global::{model.FullName}.{extension}");
        if (model.Commands.Any(c => c.Extension is not null))
        {
            writer.Line();
            writer.Line("/// <summary>Whether <paramref name=\"verb\"/> is a command where <paramref name=\"offered\"/> are the extensions: a command that an extension brings is one only where that extension is offered.</summary>");
            writer.Line($"public static bool IsOffered({model.VerbEnum} verb, Extensions offered) => verb switch");
            writer.Line("{");
            writer.Indent();
            foreach (CommandModel command in model.Commands.Where(c => c.Extension is not null))
            {
                writer.Line($"{model.VerbEnum}.{command.Member} => offered.Has({extension}.{command.Extension}),");
            }

            writer.Line("_ => true,");
            writer.CloseBlock("};");
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitSet(SourceWriter writer, ProtocolModel model, string name, string extension)
    {
        ulong all = 0;
        foreach (ExtensionModel member in model.Extensions)
        {
            all |= 1UL << (int)member.Value;
        }

        writer.Line($"/// <summary>A set of {name}'s service extensions: those a server offers, or those a server announced to a client.</summary>");
        writer.OpenBlock("public readonly struct Extensions : global::System.IEquatable<Extensions>");
        writer.Line("private readonly ulong _bits;");
        writer.Line();
        writer.Line("private Extensions(ulong bits) => _bits = bits;");
        writer.Line();
        writer.Line("/// <summary>No extension.</summary>");
        writer.Line("public static Extensions None => default;");
        writer.Line();
        writer.Line($"/// <summary>Every extension {name} defines.</summary>");
        writer.Line($"public static Extensions All => new(0x{all:X}UL);");
        writer.Line();
        writer.Line("/// <summary>Whether the set is empty.</summary>");
        writer.Line("public bool IsEmpty => _bits == 0;");
        writer.Line();
        writer.Line("/// <summary>Whether the set holds <paramref name=\"extension\"/>.</summary>");
        writer.Line($"public bool Has({extension} extension) => (_bits & Bit(extension)) != 0;");
        writer.Line();
        writer.Line("/// <summary>The set with <paramref name=\"extension\"/> added.</summary>");
        writer.Line($"public Extensions With({extension} extension) => new(_bits | Bit(extension));");
        writer.Line();
        writer.Line("/// <summary>The set without <paramref name=\"extension\"/>.</summary>");
        writer.Line($"public Extensions Without({extension} extension) => new(_bits & ~Bit(extension));");
        writer.Line();
        writer.Line("/// <summary>The extensions in this set or in <paramref name=\"other\"/>.</summary>");
        writer.Line("public Extensions Union(Extensions other) => new(_bits | other._bits);");
        writer.Line();
        writer.Line("/// <summary>The extensions in both this set and <paramref name=\"other\"/>: what a server offers of what a client uses.</summary>");
        writer.Line("public Extensions Intersect(Extensions other) => new(_bits & other._bits);");
        writer.Line();
        writer.Line("/// <summary>The extensions in this set but not in <paramref name=\"other\"/>: a relay's announcement without those it does not pass on.</summary>");
        writer.Line("public Extensions Except(Extensions other) => new(_bits & ~other._bits);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public bool Equals(Extensions other) => _bits == other._bits;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override bool Equals(object? obj) => obj is Extensions other && Equals(other);");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override int GetHashCode() => _bits.GetHashCode();");
        writer.Line();
        writer.Line("/// <summary>The keywords of the extensions in the set, e.g. <c>PIPELINING, SIZE</c>.</summary>");
        writer.OpenBlock("public override string ToString()");
        writer.Line("var keywords = new global::System.Collections.Generic.List<string>();");
        foreach (ExtensionModel member in model.Extensions)
        {
            writer.OpenBlock($"if (Has({extension}.{member.Member}))");
            writer.Line($"keywords.Add({Names.StringLiteral(member.Keyword)});");
            writer.CloseBlock();
            writer.Line();
        }

        writer.Line("return string.Join(\", \", keywords);");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>Whether two sets hold the same extensions.</summary>");
        writer.Line("public static bool operator ==(Extensions left, Extensions right) => left.Equals(right);");
        writer.Line();
        writer.Line("/// <summary>Whether two sets differ.</summary>");
        writer.Line("public static bool operator !=(Extensions left, Extensions right) => !left.Equals(right);");
        writer.Line();
        writer.Line($"private static ulong Bit({extension} extension) => 1UL << (int)extension;");
        writer.CloseBlock();
    }

    private static void EmitFormat(SourceWriter writer, ProtocolModel model, string extension)
    {
        List<(CaptureModel Capture, bool Optional)> captures = model.Extensions
            .SelectMany(e => PatternWalker.CapturesWithOptionality(e.Tail)).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// The lines that announce <paramref name=\"offered\"/>, in the order the definition lists the extensions, to be");
        writer.Line("/// formatted once and sent after a reply's first line: each with <paramref name=\"replyCode\"/> before it, and");
        writer.Line("/// \"-\" after the code on every line but the last (RFC 5321 §4.2.1). Empty when nothing is offered.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"replyCode\">The code of the reply the lines belong to, e.g. 250.</param>");
        writer.Line("/// <param name=\"offered\">The extensions to announce.</param>");
        foreach ((CaptureModel capture, bool optional) in captures)
        {
            string note = optional ? " Left out, with the optional group around it, when not given." : "";
            writer.Line($"/// <param name=\"{capture.Name}\">The <c>{{{capture.Name}}}</c> of its extension's line ({Names.Xml(capture.Kind.Name)}).{note}</param>");
        }

        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A value is not valid for its kind, or a line would be too long.</exception>");
        var parameters = new List<string> { "int replyCode", "Extensions offered" };
        parameters.AddRange(captures.Where(c => !c.Optional).Select(c => $"{c.Capture.Kind.ValueType} {c.Capture.Name}"));
        parameters.AddRange(captures.Where(c => c.Optional).Select(c => TemplateWriter.OptionalParameter(c.Capture)));
        writer.OpenBlock($"public static byte[] FormatExtensionLines({string.Join(", ", parameters)})");
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(replyCode, 100);");
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfGreaterThan(replyCode, 999);");
        writer.Line("global::System.ReadOnlySpan<byte> code = [(byte)('0' + (replyCode / 100)), (byte)('0' + (replyCode / 10 % 10)), (byte)('0' + (replyCode % 10)), (byte)'-'];");
        writer.Line("var output = new global::System.Buffers.ArrayBufferWriter<byte>();");
        writer.Line("int last = -1;");
        foreach (ExtensionModel member in model.Extensions)
        {
            writer.Line();
            writer.Line($"// {member.Line}");
            writer.OpenBlock($"if (offered.Has({extension}.{member.Member}))");
            writer.Line("last = output.WrittenCount;");
            writer.Line($"{Names.CommandLineBuilder} line = new(output.GetSpan(MaxReplyLine), MaxReplyLine);");
            bool hasCaptures = PatternWalker.Captures(member.Tail).Any();
            if (hasCaptures)
            {
                writer.Line("int written;");
            }

            writer.Line("line.Append(code);");
            TemplateWriter.Emit(writer, member.Keyword, member.Tail, "\r\n");
            writer.Line("output.Advance(line.Length);");
            writer.CloseBlock();
        }

        writer.Line();
        writer.Line("byte[] lines = output.WrittenSpan.ToArray();");
        writer.OpenBlock("if (last >= 0)");
        writer.Line("lines[last + 3] = (byte)' ';   // the last line: SP after the code");
        writer.CloseBlock();
        writer.Line();
        writer.Line("return lines;");
        writer.CloseBlock();
    }

    /// <summary><c>TryGetExtension</c>: which extension a line announces, by its keyword, for a client that reads the lines one by one.</summary>
    private static void EmitTryGetExtension(SourceWriter writer, ProtocolModel model, string extension)
    {
        writer.Line("/// <summary>The extension a line announces, by its keyword in any case, e.g. <c>SIZE 10240000</c>, without its reply code and CRLF.</summary>");
        writer.Line("/// <param name=\"line\">The line's text.</param>");
        writer.Line("/// <param name=\"extension\">The extension when the result is true.</param>");
        writer.Line("/// <returns>Whether the line's keyword is one of the protocol's extensions.</returns>");
        writer.OpenBlock($"public static bool TryGetExtension({Names.Span} line, out {extension} extension)");
        writer.Line("int space = global::System.MemoryExtensions.IndexOf(line, (byte)' ');");
        writer.Line($"{Names.Span} keyword = space < 0 ? line : line[..space];");
        foreach (ExtensionModel member in model.Extensions)
        {
            writer.OpenBlock($"if (global::System.Text.Ascii.EqualsIgnoreCase(keyword, {Names.Utf8Literal(member.Keyword)}))");
            writer.Line($"extension = {extension}.{member.Member};");
            writer.Line("return true;");
            writer.CloseBlock();
            writer.Line();
        }

        writer.Line("extension = default;");
        writer.Line("return false;");
        writer.CloseBlock();
    }

    private static void EmitCapabilities(SourceWriter writer, ProtocolModel model, string name, string extension)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// The {name} extensions a server announced and the values on their lines, read a line at a time (SMTP: the lines");
        writer.Line("/// after the first of the reply to EHLO). A keyword that the definition does not know is left to the caller.");
        writer.Line("/// </summary>");
        writer.OpenBlock("public sealed class Capabilities");
        writer.Line("/// <summary>The extensions announced so far.</summary>");
        writer.Line("public Extensions Announced { get; private set; }");
        foreach (ExtensionModel member in model.Extensions)
        {
            foreach ((CaptureModel capture, _) in PatternWalker.CapturesWithOptionality(member.Tail))
            {
                writer.Line();
                writer.Line($"/// <summary>The <c>{{{capture.Name}}}</c> on the line of {Names.Xml(member.Keyword)} ({Names.Xml(capture.Kind.Name)}); null when it was not given or did not read as one.</summary>");
                writer.Line($"public {PropertyType(capture)} {capture.PropertyName} {{ get; private set; }}");
            }
        }

        writer.Line();
        writer.Line("/// <summary>Whether <paramref name=\"extension\"/> was announced.</summary>");
        writer.Line($"public bool Has({extension} extension) => Announced.Has(extension);");
        writer.Line();
        writer.Line("/// <summary>Reads one line that announces an extension, e.g. <c>SIZE 10240000</c>, without its reply code and CRLF.</summary>");
        writer.Line("/// <param name=\"line\">The line's text.</param>");
        writer.Line("/// <returns>Whether its keyword is one of the protocol's extensions. One whose values do not read as its syntax says still counts as announced, without them.</returns>");
        writer.OpenBlock($"public bool TryAdd({Names.Span} line)");
        writer.OpenBlock($"if (!global::{model.FullName}.TryGetExtension(line, out {extension} announced))");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("Announced = Announced.With(announced);");
        writer.Line();
        ExtensionModel[] withValues = model.Extensions.Where(static e => e.Tail.Count > 0).ToArray();
        if (withValues.Length > 0)
        {
            writer.OpenBlock("switch (announced)");
            foreach (ExtensionModel member in withValues)
            {
                writer.Line($"case {extension}.{member.Member}:");
                writer.Indent();
                writer.Line($"Read{member.Member}(line);");
                writer.Line("break;");
                writer.Unindent();
            }

            writer.CloseBlock();
            writer.Line();
        }

        writer.Line("return true;");
        writer.CloseBlock();
        foreach (ExtensionModel member in model.Extensions.Where(e => e.Tail.Count > 0))
        {
            writer.Line();
            writer.Line($"// {member.Line}");
            writer.OpenBlock($"private void Read{member.Member}({Names.Span} content)");
            foreach (CaptureModel capture in PatternWalker.Captures(member.Tail))
            {
                writer.Line($"{capture.PropertyName} = null;");
            }

            PatternScanEmitter.Emit(writer, member.Tail, member.Keyword.Length.ToString(), model.Options.TolerateTrailingWhiteSpace, "return;");
            writer.Line();
            foreach ((CaptureModel capture, bool optional) in PatternWalker.CapturesWithOptionality(member.Tail))
            {
                string value = capture.Kind.Element is not null ? $"{capture.Name}.ToArray()"
                    : capture.Kind.ValueType == Names.Span ? $"global::System.Text.Encoding.UTF8.GetString({capture.Name})"
                    : capture.Name;
                writer.Line(optional
                    ? $"{capture.PropertyName} = has{capture.PropertyName} ? {value} : null;"
                    : $"{capture.PropertyName} = {value};");
            }

            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    /// <summary>A capture on an extension's line as a property: text as a string, a list as an array, any other value nullable.</summary>
    private static string PropertyType(CaptureModel capture) => capture.Kind.Element switch
    {
        { } element => ListEmitter.ArrayType(element) + "?",
        null when capture.Kind.ValueType == Names.Span => "string?",
        _ => capture.Kind.ValueType + "?",
    };
}
