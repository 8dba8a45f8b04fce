using System.Text;
using SmtpGen.Captures;

namespace SmtpGen;

/// <summary>
/// The parameters of MAIL or RCPT, <c>esmtp-param *(SP esmtp-param)</c> (RFC 5321 §4.1.2), kept as sent and
/// read without allocating. The default value has no parameters.
/// </summary>
public readonly ref struct EsmtpParameters
{
    internal EsmtpParameters(ReadOnlySpan<byte> raw) => Raw = raw;

    /// <summary>The parameters as sent, separated by SP.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Whether there are no parameters.</summary>
    public bool IsEmpty => Raw.IsEmpty;

    /// <summary>Checks <paramref name="utf8"/> against the parameters' grammar and wraps it.</summary>
    /// <param name="utf8">The parameters, e.g. <c>SIZE=1000 BODY=8BITMIME</c>; empty for none.</param>
    /// <param name="parameters">The parameters, or empty ones.</param>
    /// <returns>Whether <paramref name="utf8"/> is empty or entirely parameters.</returns>
    public static bool TryCreate(ReadOnlySpan<byte> utf8, out EsmtpParameters parameters)
    {
        bool valid = utf8.IsEmpty || Parameters.Scan(utf8) == utf8.Length;
        parameters = valid ? new EsmtpParameters(utf8) : default;
        return valid;
    }

    /// <summary>Finds a parameter by keyword, compared ASCII case-insensitively (RFC 5321 §2.4).</summary>
    /// <param name="keyword">The keyword, e.g. <c>SIZE</c>.</param>
    /// <param name="value">The parameter's value; empty when it has none or is not there.</param>
    /// <returns>Whether the parameter is there.</returns>
    public bool TryGetValue(ReadOnlySpan<byte> keyword, out ReadOnlySpan<byte> value)
    {
        foreach (EsmtpParameter parameter in this)
        {
            if (Ascii.EqualsIgnoreCase(parameter.Keyword, keyword))
            {
                value = parameter.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Whether a parameter with the keyword is there, compared ASCII case-insensitively.</summary>
    /// <param name="keyword">The keyword, e.g. <c>SMTPUTF8</c>.</param>
    /// <returns>Whether the parameter is there.</returns>
    public bool Contains(ReadOnlySpan<byte> keyword) => TryGetValue(keyword, out _);

    /// <summary>
    /// Finds the first parameter whose keyword an earlier one has, compared ASCII case-insensitively (RFC 5321 §2.4): a
    /// keyword is given once.
    /// </summary>
    /// <param name="repeated">That parameter; the default one when no keyword is given twice.</param>
    /// <returns>Whether a keyword is given twice.</returns>
    public bool TryFindRepeated(out EsmtpParameter repeated)
    {
        int index = 0;
        foreach (EsmtpParameter parameter in this)
        {
            int earlier = 0;
            foreach (EsmtpParameter before in this)
            {
                if (earlier++ == index)
                {
                    break;
                }

                if (Ascii.EqualsIgnoreCase(before.Keyword, parameter.Keyword))
                {
                    repeated = parameter;
                    return true;
                }
            }

            index++;
        }

        repeated = default;
        return false;
    }

    /// <summary>Enumerates the parameters in the order sent.</summary>
    /// <returns>An enumerator.</returns>
    public Enumerator GetEnumerator() => new(Raw);

    /// <summary>Enumerates parameters without allocating.</summary>
    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(ReadOnlySpan<byte> raw) => _rest = raw;

        /// <summary>The current parameter.</summary>
        public EsmtpParameter Current { get; private set; }

        /// <summary>Moves to the next parameter.</summary>
        /// <returns>Whether there is one.</returns>
        public bool MoveNext()
        {
            if (_rest.IsEmpty)
            {
                return false;
            }

            // Neither keywords nor values hold SP, so SP separates parameters.
            int space = _rest.IndexOf((byte)' ');
            Current = new EsmtpParameter(space < 0 ? _rest : _rest[..space]);
            _rest = space < 0 ? default : _rest[(space + 1)..];
            return true;
        }
    }
}
