using SmtpGen.Captures;

namespace SmtpGen.Protocols.Tests.UserKinds;

/// <summary>
/// Capture kinds of the user's own: one that keeps to the contract of <c>TryScan</c>, one that does not, and one whose
/// <c>TryWrite</c> also takes the name its exception gives the value, as SmtpGen's kinds do.
/// </summary>
[LineProtocol("USERKIND")]
public static partial class UserKindProtocol
{
    public enum State
    {
        Ready,
        [FinalState]
        Closed,
    }

    public enum Verb
    {
        [Command("SAY {word:SmtpGen.Protocols.Tests.UserKinds.Shout}")]
        Say,

        [Command("CAN {canned:SmtpGen.Protocols.Tests.UserKinds.Canned}")]
        Can,

        [Command("LABEL {label:SmtpGen.Protocols.Tests.UserKinds.Label}")]
        Label,

        [Command("QUIT", Then = State.Closed)]
        Quit,
    }
}

/// <summary>An atom, given as the slice of the line it was read from, as a kind's <c>TryScan</c> must.</summary>
public static class Shout
{
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Atom.TryScan(content, ref position, out value);

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        Atom.TryWrite(destination, value, out written);
}

/// <summary>An atom read, but a constant given back: a value that is not a slice of the line.</summary>
public static class Canned
{
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value)
    {
        bool found = Atom.TryScan(content, ref position, out _);
        value = found ? "CANNED"u8 : default;
        return found;
    }

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        Atom.TryWrite(destination, value, out written);
}

/// <summary>An atom whose writer names the value as its caller asks: a generated writer passes its parameter's name.</summary>
public static class Label
{
    public static bool TryScan(ReadOnlySpan<byte> content, scoped ref int position, out ReadOnlySpan<byte> value) =>
        Atom.TryScan(content, ref position, out value);

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written) =>
        Atom.TryWrite(destination, value, out written);

    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> value, out int written, string paramName) =>
        Atom.TryWrite(destination, value, out written, paramName);
}
