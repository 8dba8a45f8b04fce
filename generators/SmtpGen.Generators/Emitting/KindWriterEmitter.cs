namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the <c>TryWrite</c> pair of a generated capture kind (a choice's <c>{Name}Values</c>, a list's <c>{Name}List</c>),
/// as SmtpGen's own kinds have it: <c>TryWrite(destination, value, out written)</c>, and the overload a generated writer
/// calls with its own parameter's name, which an invalid value's <see cref="System.ArgumentException"/> then gives.
/// </summary>
internal static class KindWriterEmitter
{
    /// <summary>Emits both overloads; <paramref name="emitBody"/> writes the second's body, which names the value <c>paramName</c>.</summary>
    /// <param name="writer">Where the methods go.</param>
    /// <param name="valueType">The type of the value, as generated code spells it.</param>
    /// <param name="summary">The first overload's summary, a sentence.</param>
    /// <param name="valueDoc">What <c>value</c> is, for its <c>param</c> tag.</param>
    /// <param name="fits">What fits, for the <c>written</c> tag ("the values do") and the <c>returns</c> tag ("the values").</param>
    /// <param name="invalid">When the value is not valid, for the <c>exception</c> tag, e.g. "is empty".</param>
    /// <param name="emitBody">Emits the second overload's statements.</param>
    public static void EmitTryWrite(SourceWriter writer, string valueType, string summary, string valueDoc, (string Does, string Fitted) fits, string invalid, System.Action<SourceWriter> emitBody)
    {
        string signature = $"TryWrite(global::System.Span{{byte}}, {valueType.Replace('<', '{').Replace('>', '}')}, out int)";
        EmitDocs(writer, $"<summary>{summary}</summary>", valueDoc, fits, invalid, paramName: false);
        writer.Line($"public static bool TryWrite(global::System.Span<byte> destination, {valueType} value, out int written) =>");
        writer.Indent();
        writer.Line("TryWrite(destination, value, out written, nameof(value));");
        writer.Unindent();
        writer.Line();
        EmitDocs(writer, $"<summary>As <see cref=\"{signature}\"/>, for a writer that passes its own argument on: a value that is not valid is reported by <paramref name=\"paramName\"/>.</summary>", valueDoc, fits, invalid, paramName: true);
        writer.OpenBlock($"public static bool TryWrite(global::System.Span<byte> destination, {valueType} value, out int written, string paramName)");
        emitBody(writer);
        writer.CloseBlock();
    }

    private static void EmitDocs(SourceWriter writer, string summary, string valueDoc, (string Does, string Fitted) fits, string invalid, bool paramName)
    {
        writer.Line("/// " + summary);
        writer.Line("/// <param name=\"destination\">Where to write.</param>");
        writer.Line($"/// <param name=\"value\">{valueDoc}</param>");
        writer.Line($"/// <param name=\"written\">The octets written; 0 when {fits.Does} not fit.</param>");
        if (paramName)
        {
            writer.Line("/// <param name=\"paramName\">The name the <see cref=\"global::System.ArgumentException\"/> gives the value: the writer's parameter.</param>");
        }

        writer.Line($"/// <returns>Whether {fits.Fitted} fitted into <paramref name=\"destination\"/>.</returns>");
        writer.Line($"/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"value\"/> {invalid}.</exception>");
    }
}
