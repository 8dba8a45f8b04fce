using System.Runtime.InteropServices;

namespace SmtpGen;

/// <summary>One parameter of MAIL or RCPT: <c>esmtp-keyword ["=" esmtp-value]</c> (RFC 5321 §4.1.2).</summary>
public readonly ref struct EsmtpParameter
{
    internal EsmtpParameter(ReadOnlySpan<byte> parameter)
    {
        int equals = parameter.IndexOf((byte)'=');
        Keyword = equals < 0 ? parameter : parameter[..equals];
        Value = equals < 0 ? default : parameter[(equals + 1)..];
        HasValue = equals >= 0;
    }

    /// <summary>The keyword, e.g. <c>SIZE</c>, as sent (keywords compare case-insensitively).</summary>
    public ReadOnlySpan<byte> Keyword { get; }

    /// <summary>The value after "=", or empty when there is none.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether the parameter has "=" and a value.</summary>
    public bool HasValue { get; }

    /// <summary>The parameter as sent: its keyword, and "=" and its value when it has one.</summary>
    public ReadOnlySpan<byte> Raw =>
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(Keyword), HasValue ? Keyword.Length + 1 + Value.Length : Keyword.Length);
}
