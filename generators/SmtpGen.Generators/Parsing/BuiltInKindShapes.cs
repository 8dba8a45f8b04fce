using System;

namespace SmtpGen.Generators.Parsing;

/// <summary>
/// What the built-in capture kinds (<c>SmtpGen.Captures</c>) take, character by character, as far as a pattern's checks
/// need it: what a value may start with, and what its scan always goes on over once a value is there (scanners take
/// the longest value they can and never go back). With it the generator finds patterns whose writer writes lines that
/// their own parser refuses. A kind of the user's is not known here, so it is not checked.
/// </summary>
internal static class BuiltInKindShapes
{
    private const string BuiltInNamespace = "SmtpGen.Captures.";

    /// <summary>RFC 5322 atext beside letters and digits.</summary>
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>Whether the kind takes the rest of the line, whatever it holds (<c>Text</c>).</summary>
    public static bool TakesRestOfLine(string kind) => Simple(kind) == "Text";

    /// <summary>
    /// Whether a value of <paramref name="kind"/> may start with <paramref name="c"/>; null for a kind not known here.
    /// </summary>
    public static bool? MayStartWith(string kind, char c) => c >= 0x80 && Simple(kind) is not "Parameters" && TakesUtf8(kind) ? true : Simple(kind) switch
    {
        "Atom" or "OriginalRecipient" => IsAtext(c),
        "Word" or "Mailbox" or "UserName" => IsAtext(c) || c == '"',
        "Domain" or "Parameters" => IsLetDig(c),
        "DomainOrAddressLiteral" => IsLetDig(c) || c == '[',
        "AddressLiteral" => c == '[',
        "ForwardPath" or "ReversePath" => c == '<',
        "Number" or "Octets" => IsDigit(c),
        "Printable" => IsVchar(c),
        "SaslMechanism" => IsMechanismChar(c),
        "SaslResponse" => IsBase64(c) || c == '=',
        "Text" => IsVchar(c) || c is ' ' or '\t',
        "Xtext" => IsVchar(c) && c != '=',
        _ => null,
    };

    /// <summary>Whether a value of <paramref name="kind"/> may start with a character (SP to '~', or HTAB) of <paramref name="set"/>.</summary>
    public static bool MayStartWithOneOf(string kind, Func<char, bool> set)
    {
        for (char c = '\t'; c <= '~'; c++)
        {
            if (set(c) && MayStartWith(kind, c) == true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the scan of a value of <paramref name="kind"/> that could end where <paramref name="c"/> follows takes
    /// <paramref name="c"/> into the value instead (an atom's <c>=</c>, a number's digit, a domain's letter, or its
    /// <c>-</c> or <c>.</c> before a letter or digit); null for a kind not known here. <paramref name="thenMayCome"/> says
    /// whether what comes after <paramref name="c"/> may start with a character of a set. A space is taken only by
    /// <c>Text</c>, and by <c>Parameters</c> before another parameter, which <see cref="TakesAfterSpace"/> tells.
    /// </summary>
    public static bool? TakesNext(string kind, char c, Func<Func<char, bool>, bool> thenMayCome) => c >= 0x80 && TakesUtf8(kind) ? true : Simple(kind) switch
    {
        "Atom" or "Word" => IsAtext(c),
        // A word goes on into a mailbox over '@', and a mailbox over the dots of its local part and domain.
        "UserName" => IsAtext(c) || c is '@' or '.',
        // A label goes on over a hyphen before more of it, a domain over a dot before another label.
        "Domain" or "DomainOrAddressLiteral" or "Mailbox" => IsLetDig(c) || (c is '-' or '.' && thenMayCome(IsLetDig)),
        "AddressLiteral" or "ForwardPath" or "ReversePath" => false,
        "Number" or "Octets" => IsDigit(c),
        // A parameter's value takes any VCHAR but '=', and a keyword without a value takes '=' for one.
        "Parameters" or "Printable" => IsVchar(c),
        // xtext: '+' and two hexadecimal digits stand for an octet.
        "OriginalRecipient" or "Xtext" => (IsVchar(c) && c is not '=' and not '+') || (c == '+' && thenMayCome(IsUpperHex)),
        "SaslMechanism" => IsMechanismChar(c),
        "SaslResponse" => IsBase64(c) || c == '=',
        "Text" => true,
        _ => null,
    };

    /// <summary>
    /// Whether the kind's scan takes characters beyond ASCII (RFC 6531 §3.3: UTF-8 in atext, U-labels in domains; a
    /// parameter's value; any text), so that a literal of them after a capture of it is taken into its value.
    /// </summary>
    private static bool TakesUtf8(string kind) =>
        Simple(kind) is "Atom" or "Word" or "UserName" or "Mailbox" or "Domain" or "DomainOrAddressLiteral" or "Printable" or "Parameters" or "Text";

    /// <summary>Whether the kind's scan goes on over a space when <paramref name="c"/> follows it: parameters take another parameter.</summary>
    public static bool TakesAfterSpace(string kind, char c) => TakesRestOfLine(kind) || (Simple(kind) == "Parameters" && IsLetDig(c));

    /// <summary>The kind's name without <c>SmtpGen.Captures.</c>; a kind of another namespace keeps its full name, which no built-in kind has.</summary>
    private static string Simple(string kind) =>
        kind.StartsWith(BuiltInNamespace, StringComparison.Ordinal) ? kind.Substring(BuiltInNamespace.Length) : kind;

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsLetDig(char c) => IsDigit(c) || c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    private static bool IsAtext(char c) => IsLetDig(c) || AtextSymbols.IndexOf(c) >= 0;

    private static bool IsVchar(char c) => c is >= '!' and <= '~';

    private static bool IsUpperHex(char c) => IsDigit(c) || c is >= 'A' and <= 'F';

    private static bool IsMechanismChar(char c) => IsLetDig(c) || c is '-' or '_';

    private static bool IsBase64(char c) => IsLetDig(c) || c is '+' or '/';
}
