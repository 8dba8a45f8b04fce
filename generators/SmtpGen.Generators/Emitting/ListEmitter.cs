using SmtpGen.Generators.Model;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits, for each repeated capture (<c>{keys:Atom...}</c>), a ref struct <c>{Name}List</c>: the values as one span
/// of the line they were read from, enumerated without allocating by the element kind's <c>TryScan</c>. The list is
/// a capture kind itself (its <c>TryScan</c> takes the values and the single spaces between them, its
/// <c>TryWrite</c> writes them back), so the parser and the writers use it as any other kind; code that writes a
/// list makes one with <c>TryCreate</c> from text, or with <c>TryFormat</c> from values that are not ref structs.
/// </summary>
internal static class ListEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        bool first = true;
        foreach (ListModel list in model.Lists)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            EmitList(writer, list);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitList(SourceWriter writer, ListModel list)
    {
        string type = list.PropertyName + "List";
        string capture = char.ToLowerInvariant(list.PropertyName[0]) + list.PropertyName.Substring(1);
        CaptureKindModel element = list.Element;
        writer.Line("/// <summary>");
        writer.Line($"/// The values of <c>{{{capture}}}</c>: one or more {Names.Xml(element.Name)} values separated by single spaces, as one span");
        writer.Line("/// of the text they were read from. <c>foreach</c> gives them one by one without allocating.");
        writer.Line("/// </summary>");
        writer.OpenBlock($"public readonly ref struct {type}");
        writer.Line($"private {type}({Names.Span} text) => Text = text;");
        writer.Line();
        writer.Line("/// <summary>The values and the spaces between them, as sent.</summary>");
        writer.Line($"public {Names.Span} Text {{ get; }}");
        writer.Line();
        writer.Line("/// <summary>Whether the list has no values: it is the default, for a list that was not given.</summary>");
        writer.Line("public bool IsEmpty => Text.IsEmpty;");
        writer.Line();
        writer.Line("/// <summary>The number of values, counted by scanning them.</summary>");
        writer.OpenBlock("public int Count");
        writer.OpenBlock("get");
        writer.Line("int count = 0;");
        writer.Line("Enumerator values = GetEnumerator();");
        writer.OpenBlock("while (values.MoveNext())");
        writer.Line("count++;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("return count;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>The values, in order.</summary>");
        writer.Line("public Enumerator GetEnumerator() => new(Text);");
        writer.Line();
        EmitTryScan(writer, type, element);
        writer.Line();
        EmitTryWrite(writer, type);
        writer.Line();
        EmitTryCreate(writer, type, element);
        if (!element.IsRefLike)
        {
            writer.Line();
            EmitTryFormat(writer, type, element);
        }

        if (ArrayType(element) is { } array)
        {
            writer.Line();
            EmitToArray(writer, element, array);
        }

        writer.Line();
        EmitEnumerator(writer, type, element);
        writer.CloseBlock();
    }

    private static void EmitTryScan(SourceWriter writer, string type, CaptureKindModel element)
    {
        writer.Line("/// <summary>Scans one value at <paramref name=\"position\"/>, then another after each single space for as long as one follows.</summary>");
        writer.Line("/// <param name=\"content\">The line without its CRLF.</param>");
        writer.Line("/// <param name=\"position\">Where the first value starts; advanced past the last on success, unchanged otherwise.</param>");
        writer.Line("/// <param name=\"value\">The values.</param>");
        writer.Line("/// <returns>Whether at least one value starts at <paramref name=\"position\"/>.</returns>");
        writer.OpenBlock($"public static bool TryScan({Names.Span} content, scoped ref int position, out {type} value)");
        writer.Line("int end = position;");
        writer.OpenBlock("if (!TryScanValue(content, ref end))");
        writer.Line("value = default;");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("// A space that no value follows is not the list's: it stays for what comes after.");
        writer.Line("int next = end + 1;");
        writer.OpenBlock("while (end < content.Length && content[end] == (byte)' ' && TryScanValue(content, ref next))");
        writer.Line("end = next;");
        writer.Line("next = end + 1;");
        writer.CloseBlock();
        writer.Line();
        writer.Line($"value = new {type}(content[position..end]);");
        writer.Line("position = end;");
        writer.Line("return true;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>One value, of at least one octet: an empty one would never end the list.</summary>");
        writer.OpenBlock($"private static bool TryScanValue({Names.Span} content, scoped ref int position)");
        writer.Line("int start = position;");
        writer.Line($"return {element.TypeName}.TryScan(content, ref position, out _) && position > start;");
        writer.CloseBlock();
    }

    private static void EmitTryWrite(SourceWriter writer, string type)
    {
        KindWriterEmitter.EmitTryWrite(
            writer,
            type,
            "Writes the values, as the list holds them, into <paramref name=\"destination\"/> if they fit.",
            "The values: from a parsed line, <see cref=\"TryCreate\"/> or <c>TryFormat</c>.",
            ("the values do", "the values"),
            "is empty: a list has at least one value",
            body =>
            {
                body.OpenBlock("if (value.IsEmpty)");
                body.Line($"throw new global::System.ArgumentException(\"An empty {type} cannot be written: a list has at least one value (make it with TryCreate or TryFormat).\", paramName);");
                body.CloseBlock();
                body.Line();
                body.Line("written = value.Text.TryCopyTo(destination) ? value.Text.Length : 0;");
                body.Line("return written == value.Text.Length;");
            });
    }

    private static void EmitTryCreate(SourceWriter writer, string type, CaptureKindModel element)
    {
        writer.Line($"/// <summary>Reads a list from <paramref name=\"text\"/>: {Names.Xml(element.Name)} values separated by single spaces, and nothing else.</summary>");
        writer.Line("/// <param name=\"text\">The values; the list is a span of it.</param>");
        writer.Line("/// <param name=\"list\">The list when the result is true.</param>");
        writer.Line("/// <returns>Whether all of <paramref name=\"text\"/> is such values.</returns>");
        writer.OpenBlock($"public static bool TryCreate({Names.Span} text, out {type} list)");
        writer.Line("int position = 0;");
        writer.OpenBlock("if (TryScan(text, ref position, out list) && position == text.Length)");
        writer.Line("return true;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("list = default;");
        writer.Line("return false;");
        writer.CloseBlock();
    }

    private static void EmitTryFormat(SourceWriter writer, string type, CaptureKindModel element)
    {
        writer.Line($"/// <summary>Writes values into <paramref name=\"destination\"/>, separated by single spaces, and gives the list over what was written.</summary>");
        writer.Line("/// <param name=\"values\">One or more values.</param>");
        writer.Line("/// <param name=\"destination\">Where to write; the list is a span of it.</param>");
        writer.Line("/// <param name=\"list\">The list when the result is true.</param>");
        writer.Line("/// <returns>Whether the values fitted into <paramref name=\"destination\"/>.</returns>");
        writer.Line($"/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"values\"/> is empty, or a value is not a valid {Names.Xml(element.Name)}.</exception>");
        writer.OpenBlock($"public static bool TryFormat(global::System.ReadOnlySpan<{element.ValueType}> values, global::System.Span<byte> destination, out {type} list)");
        writer.Line("list = default;");
        writer.OpenBlock("if (values.IsEmpty)");
        writer.Line($"throw new global::System.ArgumentException(\"A {type} has at least one value.\", nameof(values));");
        writer.CloseBlock();
        writer.Line();
        writer.Line("int length = 0;");
        writer.OpenBlock("for (int i = 0; i < values.Length; i++)");
        writer.OpenBlock("if (i > 0)");
        writer.OpenBlock("if (length == destination.Length)");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("destination[length++] = (byte)' ';");
        writer.CloseBlock();
        writer.Line();
        writer.OpenBlock($"if (!{Names.TryWrite(element, "destination[length..]", "values[i]", "out int written", "nameof(values)")})");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("length += written;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("// Each value reads back on its own; read back the whole, so that no value's spaces split it.");
        writer.OpenBlock("if (!TryCreate(destination[..length], out list))");
        writer.Line("throw new global::System.ArgumentException(\"The values do not read back as a list.\", nameof(values));");
        writer.CloseBlock();
        writer.Line();
        writer.Line("return true;");
        writer.CloseBlock();
    }

    /// <summary>The array a list of <paramref name="element"/> copies into: text as strings, a value type as itself; null for other ref structs.</summary>
    public static string? ArrayType(CaptureKindModel element) =>
        element.ValueType == Names.Span ? "string[]" : element.IsRefLike ? null : element.ValueType + "[]";

    private static void EmitToArray(SourceWriter writer, CaptureKindModel element, string array)
    {
        bool text = element.ValueType == Names.Span;
        writer.Line(text
            ? "/// <summary>The values as strings, decoded from UTF-8: a copy that outlives the line.</summary>"
            : "/// <summary>The values, copied: an array that outlives the line.</summary>");
        writer.OpenBlock($"public {array} ToArray()");
        writer.Line($"var values = new {array.Substring(0, array.Length - 2)}[Count];");
        writer.Line("int i = 0;");
        writer.OpenBlock($"foreach ({element.ValueType} value in this)");
        writer.Line(text ? "values[i++] = global::System.Text.Encoding.UTF8.GetString(value);" : "values[i++] = value;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("return values;");
        writer.CloseBlock();
    }

    private static void EmitEnumerator(SourceWriter writer, string type, CaptureKindModel element)
    {
        writer.Line($"/// <summary>Enumerates the values of a <see cref=\"{type}\"/>.</summary>");
        writer.OpenBlock("public ref struct Enumerator");
        writer.Line($"private readonly {Names.Span} _text;");
        writer.Line("private int _position;");
        writer.Line($"private {element.HeldType} _current;");
        writer.Line();
        writer.OpenBlock($"internal Enumerator({Names.Span} text)");
        writer.Line("_text = text;");
        writer.Line("_position = 0;");
        writer.Line("_current = default;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>The value <see cref=\"MoveNext\"/> moved to.</summary>");
        // Read after MoveNext said true, when the scan has set it.
        writer.Line($"public readonly {element.ValueType} Current => _current{(element.Presence == Presence.Reference ? "!" : "")};");
        writer.Line();
        writer.Line("/// <summary>Moves to the next value.</summary>");
        writer.Line("/// <returns>Whether there was one.</returns>");
        writer.OpenBlock("public bool MoveNext()");
        writer.OpenBlock("if (_position >= _text.Length)");
        writer.Line("return false;");
        writer.CloseBlock();
        writer.Line();
        writer.Line("// Every value but the first follows a space; the list was scanned whole, so each value scans again.");
        writer.OpenBlock("if (_position > 0)");
        writer.Line("_position++;");
        writer.CloseBlock();
        writer.Line();
        writer.Line($"return {element.TypeName}.TryScan(_text, ref _position, out _current);");
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
