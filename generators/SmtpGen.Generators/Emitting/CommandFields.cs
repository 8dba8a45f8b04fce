using System.Collections.Generic;
using System.Linq;
using SmtpGen.Generators.Model;
using SmtpGen.Generators.Parsing;

namespace SmtpGen.Generators.Emitting;

/// <summary>
/// Where the parsed <c>Command</c> keeps each capture. Captures share fields: two captures of the same type share one
/// when no command has both, so the struct is as wide as its widest command, not as the sum of all its captures
/// (SMTP's holds two spans' ranges, the parameters' range and a number, not eight spans). Every parse clears or fills
/// the whole struct once, so its width is paid on every line, a known verb or not; spans and parameters are therefore
/// kept as ranges of the line (<see cref="StoredTypeOf"/>).
/// </summary>
internal sealed class CommandFields
{
    private readonly Dictionary<string, int> _fieldOf = new();
    private readonly List<string> _types = new();
    private readonly List<List<string>> _holders = new();

    public CommandFields(ProtocolModel model)
    {
        List<HashSet<string>> commands = model.Commands
            .Select(c => new HashSet<string>(PatternWalker.Captures(c.Tail).Select(x => x.Name)))
            .ToList();

        // Greedy colouring: each capture takes the first field of its type that holds no capture of its commands.
        foreach (CaptureModel capture in model.Captures)
        {
            var together = new HashSet<string>(commands.Where(c => c.Contains(capture.Name)).SelectMany(c => c));
            int field = 0;
            while (field < _types.Count && (_types[field] != capture.Kind.HeldType || _holders[field].Any(together.Contains)))
            {
                field++;
            }

            if (field == _types.Count)
            {
                _types.Add(capture.Kind.HeldType);
                _holders.Add(new List<string>());
            }

            _holders[field].Add(capture.Name);
            _fieldOf[capture.Name] = field;
        }
    }

    /// <summary>How many fields the captures take.</summary>
    public int Count => _types.Count;

    /// <summary>The type of field <paramref name="field"/>.</summary>
    public string TypeOf(int field) => _types[field];

    /// <summary>
    /// The type field <paramref name="field"/> is kept as: a <c>CaptureRange</c> for a span or parameters, which are
    /// slices of the line the command keeps anyway (8 octets against 16), the value's own type otherwise.
    /// </summary>
    public string StoredTypeOf(int field) => IsRange(field) ? Names.CaptureRange : _types[field];

    /// <summary>
    /// The expression that reads field <paramref name="field"/> back as its captures' type: the range taken from the
    /// command's line, or the field itself.
    /// </summary>
    public string ValueOf(int field) => _types[field] switch
    {
        Names.Span => Name(field) + ".In(_line)",
        Names.EsmtpParameters => Name(field) + ".ParametersIn(_line)",
        _ => Name(field),
    };

    /// <summary>The expression that stores constructor parameter <paramref name="field"/> in its field.</summary>
    public string StoredValueOf(int field) =>
        IsRange(field) ? $"{Names.CaptureRange}.Of(line, {ParameterName(field)})" : ParameterName(field);

    private bool IsRange(int field) => IsRangeType(_types[field]);

    /// <summary>Whether a capture of <paramref name="valueType"/> is kept as a range of the line.</summary>
    public static bool IsRangeType(string valueType) => valueType is Names.Span or Names.EsmtpParameters;

    /// <summary>The captures that field <paramref name="field"/> holds, by name, in the definition's order.</summary>
    public IReadOnlyList<string> HoldersOf(int field) => _holders[field];

    /// <summary>The field that holds <paramref name="capture"/>.</summary>
    public int FieldOf(CaptureModel capture) => _fieldOf[capture.Name];

    /// <summary>The constructor's parameter for field <paramref name="field"/>, <c>capture0</c>.</summary>
    public static string ParameterName(int field) => "capture" + field;

    /// <summary>The field's name, <c>_capture0</c>.</summary>
    public static string Name(int field) => "_" + ParameterName(field);
}
