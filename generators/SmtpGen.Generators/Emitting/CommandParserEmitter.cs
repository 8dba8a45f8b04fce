using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Emits the parsed <c>Command</c> ref struct and <c>TryParseCommand</c>: framing, dispatch on the verb as a
/// packed integer, then one method per command that scans its pattern.
/// </summary>
internal static class CommandParserEmitter
{
    public static string Emit(ProtocolModel model)
    {
        SourceWriter writer = SourceWriter.ForFile(model.Namespace);
        writer.OpenBlock($"partial class {model.TypeName}");
        EmitLineLimits(writer, model);
        HashSet<string> optional = OptionalCaptureNames(model);
        var fields = new CommandFields(model);
        EmitCommandStruct(writer, model, fields, optional);
        writer.Line();
        EmitDispatch(writer, model);
        writer.Line();
        EmitVerbName(writer, model);
        foreach (CommandModel command in model.Commands)
        {
            writer.Line();
            EmitCommandParser(writer, model, command, fields, optional);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// The line limits: <c>MaxCommandLine</c>, a command's own where the parameters of its extensions make it longer
    /// (<c>MaxMailLine</c>), and <c>LongestCommandLine</c>, what a reader takes before it knows the verb.
    /// </summary>
    private static void EmitLineLimits(SourceWriter writer, ProtocolModel model)
    {
        string unless = model.LongestCommandLine > model.Options.MaxCommandLine ? ", for a command whose extensions do not lengthen it" : "";
        writer.Line($"/// <summary>The longest command line {Names.Xml(model.ProtocolName)} accepts, in octets, CRLF included{unless}.</summary>");
        writer.Line($"public const int MaxCommandLine = {model.Options.MaxCommandLine};");
        writer.Line();
        foreach (CommandModel command in model.Commands)
        {
            int length = model.MaxLineOf(command);
            if (length > model.Options.MaxCommandLine)
            {
                IEnumerable<string> added = model.CommandParameters
                    .Where(p => p.Command == command.Member)
                    .SelectMany(p => p.Parameters)
                    .Where(p => p.ExtendsLineBy > 0)
                    .Select(p => $"{p.Keyword} {p.ExtendsLineBy}");
                writer.Line($"/// <summary>The longest {command.Verb} line, CRLF included: <see cref=\"MaxCommandLine\"/> and what its parameters may add ({string.Join(", ", added)}).</summary>");
                writer.Line($"public const int {LineLimit(model, command)} = {length};");
                writer.Line();
            }
        }

        writer.Line("/// <summary>The longest line of any command, CRLF included: what a reader takes before it knows the verb.</summary>");
        writer.Line($"public const int LongestCommandLine = {model.LongestCommandLine};");
        writer.Line();
    }

    /// <summary><c>GetVerbName</c>: each verb as its pattern spells it, a string made once, for logs and metrics.</summary>
    private static void EmitVerbName(SourceWriter writer, ProtocolModel model)
    {
        writer.Line("/// <summary>The verb as its pattern spells it and the writers send it: for logs and metrics.</summary>");
        writer.EnumSwitch(
            $"public static string GetVerbName({model.VerbEnum} verb)",
            "verb",
            model.VerbEnum,
            model.Commands.Select(static c => (c.Member, Names.StringLiteral(c.WrittenVerb))));
    }

    /// <summary>The constant that holds <paramref name="command"/>'s line limit: its own, or <c>MaxCommandLine</c>.</summary>
    internal static string LineLimit(ProtocolModel model, CommandModel command) =>
        model.MaxLineOf(command) > model.Options.MaxCommandLine ? $"Max{command.Member}Line" : "MaxCommandLine";

    private static void EmitCommandStruct(SourceWriter writer, ProtocolModel model, CommandFields fields, HashSet<string> optional)
    {
        writer.Line($"/// <summary>One parsed {Names.Xml(model.ProtocolName)} command: its verb and its arguments, as spans into the line it was parsed from.</summary>");
        writer.OpenBlock("public readonly ref struct Command");
        List<CaptureModel> flagged = model.Captures.Where(c => optional.Contains(c.Name)).ToList();
        // The line first: the runtime lays a ref struct's fields out in this order, and the line's 8-octet alignment
        // after the 4-octet verb would pad SMTP's command from 56 octets to 64, the width cleared with one 64-octet store.
        writer.Line($"private readonly {Names.Span} _line;");
        if (fields.Count > 0)
        {
            writer.Line("// The captures that no command has together share a field; a property reads its field for its own commands only.");
        }

        for (int field = 0; field < fields.Count; field++)
        {
            writer.Line($"private readonly {fields.StoredTypeOf(field)} {CommandFields.Name(field)}; // {string.Join(", ", fields.HoldersOf(field))}");
        }

        writer.Line($"private readonly {model.VerbEnum} _verb;");
        foreach (CaptureModel capture in flagged)
        {
            writer.Line($"private readonly bool _has{capture.PropertyName};");
        }
        writer.Line();
        writer.Line("internal Command(");
        writer.Indent();
        var parameters = new List<string> { $"{model.VerbEnum} verb", $"{Names.Span} line" };
        parameters.AddRange(Enumerable.Range(0, fields.Count).Select(f => $"{fields.TypeOf(f)} {CommandFields.ParameterName(f)} = default"));
        parameters.AddRange(flagged.Select(c => $"bool has{c.PropertyName} = false"));
        for (int i = 0; i < parameters.Count; i++)
        {
            writer.Line(parameters[i] + (i == parameters.Count - 1 ? ")" : ","));
        }

        writer.Unindent();
        writer.Line("{");
        writer.Indent();
        writer.Line("_verb = verb;");
        foreach (CaptureModel capture in flagged)
        {
            writer.Line($"_has{capture.PropertyName} = has{capture.PropertyName};");
        }

        writer.Line("_line = line;");
        for (int field = 0; field < fields.Count; field++)
        {
            writer.Line($"{CommandFields.Name(field)} = {fields.StoredValueOf(field)};");
        }

        writer.CloseBlock();
        writer.Line();
        writer.Line("/// <summary>The command's verb.</summary>");
        writer.Line($"public {model.VerbEnum} Verb => _verb;");
        writer.Line();
        writer.Line("/// <summary>The command line without its CRLF.</summary>");
        writer.Line($"public {Names.Span} Line => _line;");
        // Qualified: inside the struct, a capture's property may have the verb enum's simple name.
        string verbs = $"global::{model.FullName}.{model.VerbEnum}";
        foreach (CaptureModel capture in model.Captures)
        {
            List<CommandModel> users = model.Commands.Where(c => PatternWalker.Captures(c.Tail).Any(x => x.Name == capture.Name)).ToList();
            int field = fields.FieldOf(capture);

            // A field of its own is default for every other command; a shared one holds other commands' captures.
            string value = fields.HoldersOf(field).Count == 1
                ? fields.ValueOf(field)
                : $"_verb is {string.Join(" or ", users.Select(c => $"{verbs}.{c.Member}"))} ? {fields.ValueOf(field)} : default";
            writer.Line();
            writer.Line($"/// <summary>The <c>{{{capture.Name}}}</c> argument ({Names.Xml(capture.Kind.Name)}) of {string.Join(", ", users.Select(c => c.Verb))}; <see langword=\"default\"/> for other commands.</summary>");
            writer.Line($"public {capture.Kind.HeldType} {capture.PropertyName} => {value};");
            if (optional.Contains(capture.Name))
            {
                writer.Line();
                writer.Line($"/// <summary>Whether the optional <c>{{{capture.Name}}}</c> argument was given.</summary>");
                writer.Line($"public bool Has{capture.PropertyName} => _has{capture.PropertyName};");
            }
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// Whether <paramref name="kind"/> is a class of the user's whose value the command keeps as a range: the one case
    /// where <c>CaptureRange.Of</c> may meet a value that is not a slice of the line. SmtpGen's own kinds, and the
    /// choices and lists generated here, always give slices.
    /// </summary>
    private static bool IsUsersRangeKind(CaptureKindModel kind) =>
        CommandFields.IsRangeType(kind.ValueType) && kind.Choices.Count == 0 && kind.Element is null &&
        !kind.TypeName.StartsWith("global::SmtpGen.Captures.", System.StringComparison.Ordinal);

    private static void EmitDispatch(SourceWriter writer, ProtocolModel model)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Parses one {Names.Xml(model.ProtocolName)} command line, CRLF included, without allocating: the verb and the arguments");
        writer.Line("/// of <paramref name=\"command\"/> are spans into <paramref name=\"line\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"line\">The command line as received, ending with CRLF.</param>");
        writer.Line("/// <param name=\"command\">The parsed command when the result is <see cref=\"global::SmtpGen.CommandStatus.Ok\"/>.</param>");
        writer.Line("/// <returns>Whether the line is a command, or why not.</returns>");
        if (model.Captures.Any(c => IsUsersRangeKind(c.Kind)))
        {
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A capture kind of the definition's own gave a span or parameters that are not a slice of the line it scanned.</exception>");
        }

        writer.OpenBlock($"public static {Names.CommandStatus} TryParseCommand({Names.Span} line, out Command command)");
        writer.Line("// The command is written once on each path: cleared where the line is refused, built where it is parsed.");
        writer.Line($"{Names.CommandStatus} status = {Names.CommandLine}.TryGetContent(line, LongestCommandLine, out {Names.Span} content);");
        writer.OpenBlock($"if (status != {Names.CommandStatus}.Ok)");
        writer.Line("command = default;");
        writer.Line("return status;");
        writer.CloseBlock();
        writer.Line();
        if (model.Commands.Count == 0)
        {
            // A definition whose commands were all removed, or all had mistakes: every line is an unknown verb.
            writer.Line("command = default;");
            writer.Line($"return {Names.CommandStatus}.UnknownVerb;");
            writer.CloseBlock();
            return;
        }

        writer.Line("// The verb ends at the first SP: each length of a known verb is tried, shortest first, where an SP or the");
        writer.Line("// line's end follows it. Its octets are packed into one integer; the mask folds its letters to upper case.");
        string keyword = "if";
        foreach (IGrouping<int, CommandModel> group in model.Commands.GroupBy(c => c.Verb.Length).OrderBy(g => g.Key))
        {
            writer.OpenBlock($"{keyword} ({Names.CommandLine}.VerbEndsAt(content, {group.Key}))");
            keyword = "else if";
            if (group.Key > PackedLength)
            {
                EmitLongVerbs(writer, group);
                writer.CloseBlock();
                continue;
            }

            writer.Line($"ulong verb = {Names.CommandLine}.PackVerb(content, {group.Key});");
            List<(CommandModel Command, ulong Mask, ulong Value)> verbs = group.Select(c => (c, VerbMask(c.Verb), Pack(c.Verb))).ToList();
            if (verbs.All(v => v.Mask == verbs[0].Mask))
            {
                writer.OpenBlock($"switch (verb & {Hex(verbs[0].Mask)})");
                foreach ((CommandModel command, _, ulong value) in verbs)
                {
                    writer.Line($"case {Hex(value)}: return Parse{command.Member}(content, out command); // {command.Verb}");
                }

                writer.CloseBlock();
            }
            else
            {
                for (int i = 0; i < verbs.Count; i++)
                {
                    (CommandModel command, ulong mask, ulong value) = verbs[i];
                    if (i > 0)
                    {
                        writer.Line();
                    }

                    writer.OpenBlock($"if ((verb & {Hex(mask)}) == {Hex(value)}) // {command.Verb}");
                    writer.Line($"return Parse{command.Member}(content, out command);");
                    writer.CloseBlock();
                }
            }

            writer.CloseBlock();
        }

        writer.Line();
        writer.Line("command = default;");
        writer.Line($"return {Names.CommandStatus}.UnknownVerb;");
        writer.CloseBlock();
    }

    /// <summary>
    /// Verbs longer than 8 octets (IMAP's CAPABILITY): the first 8 are one packed integer, the rest a second, read once
    /// per length.
    /// </summary>
    private static void EmitLongVerbs(SourceWriter writer, IGrouping<int, CommandModel> group)
    {
        writer.Line($"ulong verb = {Names.CommandLine}.PackVerb(content, {PackedLength});");
        writer.Line($"ulong tail = {Names.CommandLine}.ReadVerbTail(content, {group.Key});");
        bool first = true;
        foreach (CommandModel command in group)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            string head = command.Verb.Substring(0, PackedLength), rest = command.Verb.Substring(PackedLength);
            writer.OpenBlock($"if ((verb & {Hex(VerbMask(head))}) == {Hex(Pack(head))} && (tail & {Hex(VerbMask(rest))}) == {Hex(Pack(rest))}) // {command.Verb}");
            writer.Line($"return Parse{command.Member}(content, out command);");
            writer.CloseBlock();
        }
    }

    /// <summary>The octets of a verb in one packed integer.</summary>
    private const int PackedLength = 8;

    private static void EmitCommandParser(SourceWriter writer, ProtocolModel model, CommandModel command, CommandFields fields, HashSet<string> optionalSomewhere)
    {
        writer.Line($"// {command.Pattern}");
        writer.OpenBlock($"private static {Names.CommandStatus} Parse{command.Member}({Names.Span} content, out Command command)");
        if (model.MaxLineOf(command) < model.LongestCommandLine)
        {
            // The line was framed up to the longest of any command; this one's own limit is shorter.
            writer.OpenBlock($"if (content.Length > {LineLimit(model, command)} - 2)");
            writer.Line("command = default;");
            writer.Line($"return {Names.CommandStatus}.LineTooLong;");
            writer.CloseBlock();
            writer.Line();
        }

        if (command.Tail.Count == 0)
        {
            writer.OpenBlock(model.Options.TolerateTrailingWhiteSpace
                ? $"if (!{PatternScanEmitter.EndsAt(command.Verb.Length.ToString())})"
                : $"if (content.Length != {command.Verb.Length})");
            writer.Line("command = default;");
            writer.Line($"return {Names.CommandStatus}.SyntaxError;");
            writer.CloseBlock();
            writer.Line();
            writer.Line($"command = new Command({model.VerbEnum}.{command.Member}, content);");
            writer.Line($"return {Names.CommandStatus}.Ok;");
            writer.CloseBlock();
            return;
        }

        List<(CaptureModel Capture, bool Optional)> captures = PatternWalker.CapturesWithOptionality(command.Tail).ToList();
        PatternScanEmitter.Emit(writer, command.Tail, command.Verb.Length.ToString(), model.Options.TolerateTrailingWhiteSpace, "command = default;", $"return {Names.CommandStatus}.SyntaxError;");
        writer.Line();
        IEnumerable<string> arguments = captures.Select(c => $"{CommandFields.ParameterName(fields.FieldOf(c.Capture))}: {c.Capture.Name}")
            .Concat(captures.Where(c => c.Optional).Select(c => $"has{c.Capture.PropertyName}: has{c.Capture.PropertyName}"))
            .Concat(captures.Where(c => !c.Optional && optionalSomewhere.Contains(c.Capture.Name)).Select(c => $"has{c.Capture.PropertyName}: true"));
        writer.Line($"command = new Command({string.Join(", ", new[] { $"{model.VerbEnum}.{command.Member}", "content" }.Concat(arguments))});");
        writer.Line($"return {Names.CommandStatus}.Ok;");
        writer.CloseBlock();
    }

    private static HashSet<string> OptionalCaptureNames(ProtocolModel model)
    {
        var names = new HashSet<string>();
        foreach (CommandModel command in model.Commands)
        {
            names.UnionWith(PatternWalker.OptionalCaptures(command.Tail).Select(static c => c.Name));
        }

        return names;
    }

    /// <summary>The verb's octets, little-endian, as <c>CommandLine.PackVerb</c> packs them.</summary>
    internal static ulong Pack(string verb)
    {
        ulong packed = 0;
        for (int i = verb.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | (byte)verb[i];
        }

        return packed;
    }

    /// <summary>0xDF over letters (clearing bit 5 folds a-z onto A-Z), 0xFF over other octets.</summary>
    internal static ulong VerbMask(string verb)
    {
        ulong mask = 0;
        for (int i = verb.Length - 1; i >= 0; i--)
        {
            mask = (mask << 8) | (char.IsLetter(verb[i]) ? 0xDFUL : 0xFFUL);
        }

        return mask;
    }

    private static string Hex(ulong value) => "0x" + value.ToString("X") + "UL";
}
