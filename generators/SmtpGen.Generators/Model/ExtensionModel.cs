using System.Linq;

namespace SmtpGen.Generators.Model;

/// <summary>
/// A service extension: its enum member and value, the line that announces it as written, its keyword, and
/// what follows the keyword on that line.
/// </summary>
internal sealed record ExtensionModel(string Member, long Value, string Line, string Keyword, EquatableArray<PatternNode> Tail);

/// <summary>What a parameter's value is.</summary>
internal enum ParameterForm
{
    /// <summary>The keyword alone, <c>SMTPUTF8</c>.</summary>
    Flag,

    /// <summary>The keyword, "=" and a capture, <c>SIZE={size:Octets}</c>.</summary>
    Capture,

    /// <summary>The keyword, "=" and one of some values, <c>BODY={body:7BIT|8BITMIME}</c>.</summary>
    Choice,
}

/// <summary>
/// A parameter that an extension lets a command carry: the extension, the keyword, the property it becomes on
/// the command's parameters, its form, and its capture or the values it may take.
/// The values of a choice have names in generated code, <see cref="ChoiceNames"/>, one a value.
/// <see cref="ExtendsLineBy"/> is how many octets it may add to its command's line.
/// </summary>
internal sealed record ParameterModel(
    string Extension,
    string Keyword,
    string PropertyName,
    ParameterForm Form,
    CaptureModel? Capture,
    EquatableArray<string> Choices,
    EquatableArray<string> ChoiceNames,
    int ExtendsLineBy)
{
    /// <summary>The pattern as written, for comments and docs.</summary>
    public string Pattern => Form switch
    {
        ParameterForm.Flag => Keyword,
        ParameterForm.Capture => $"{Keyword}={{{Capture!.Name}:{Capture.Kind.Name}}}",
        _ => $"{Keyword}={{{char.ToLowerInvariant(PropertyName[0]) + PropertyName.Substring(1)}:{string.Join("|", Choices.Select((c, i) => ChoiceNames[i] + "=" + c))}}}",
    };
}

/// <summary>The parameters a command may carry, in its capture of parameters.</summary>
internal sealed record CommandParametersModel(string Command, string Verb, string Capture, EquatableArray<ParameterModel> Parameters);
