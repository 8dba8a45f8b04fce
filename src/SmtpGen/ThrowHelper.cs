using System.Diagnostics.CodeAnalysis;

namespace SmtpGen;

/// <summary>Throws out of line, so that the methods that validate stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName, long actualValue, string message) =>
        throw new ArgumentOutOfRangeException(paramName, actualValue, message);

    [DoesNotReturn]
    internal static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    /// <summary>Reports a command line that a generated writer refuses to write because it would be too long.</summary>
    [DoesNotReturn]
    internal static void ThrowLineTooLong(int maxLength) =>
        throw new ArgumentException($"The command line would be longer than {maxLength} octets, CRLF included, the longest the protocol allows.");

    /// <summary>
    /// Reports a value a capture's <c>Write</c> refuses because its <c>TryScan</c> would not read it back, by the name
    /// its caller gave it (a generated writer's parameter), or as the capture's own <c>value</c>.
    /// </summary>
    [DoesNotReturn]
    internal static void ThrowInvalidCapture(string kind, string grammar, string paramName) =>
        ThrowArgument(paramName, $"The value is not a valid {kind}: {grammar}. Writing it would send a line the parser refuses.");
}
