namespace SmtpGen;

/// <summary>
/// Declares a service extension on a member of the protocol's extension enum: the line that announces it
/// (SMTP: a line of the reply to EHLO, RFC 5321 §4.1.1.1). The line is a keyword and what may follow it, in the
/// pattern syntax of <see cref="CommandAttribute"/>, e.g. <c>"SIZE[ {maxSize:Octets}]"</c>. The extension's
/// parameters are declared beside it with <see cref="ParameterAttribute"/>, and a command it brings names it in
/// <see cref="CommandAttribute.Extension"/>.
/// </summary>
/// <remarks>
/// From the extensions the generator writes an <c>Extensions</c> set, <c>FormatExtensionLines</c> (the lines a
/// server announces, formatted once), the typed <c>Capabilities</c> a client reads them into, and for each command
/// with parameters a <c>{Command}Parameters</c> struct with its reader and writer.
/// </remarks>
/// <param name="line">The keyword and its parameters, e.g. <c>"PIPELINING"</c> or <c>"SIZE[ {maxSize:Octets}]"</c>.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class ExtensionAttribute(string line) : Attribute
{
    /// <summary>The keyword and its parameters, as announced.</summary>
    public string Line { get; } = line;
}
