using System.Text;

namespace SmtpGen.Benchmarks.Baselines;

/// <summary>A command as the naive parser hands it out: strings, and a dictionary of ESMTP parameters.</summary>
public sealed record NaiveCommand(string Verb, string? Argument, string? Address, Dictionary<string, string?>? Parameters);

/// <summary>
/// What a quick hand-rolled server does: decode the line to a string, split off the verb, upper-case it, switch on it,
/// then <c>StartsWith</c>/<c>IndexOf</c> for the path and <c>Split</c> for the parameters. It checks the CRLF and the
/// shape of the line (a path in angle brackets, <c>keyword[=value]</c> parameters), not the syntax of domains and
/// mailboxes, so it does less validation than the other parsers.
/// </summary>
public static class NaiveCommandParser
{
    public static HandStatus TryParse(byte[] line, out NaiveCommand? command)
    {
        command = null;
        string text = Encoding.ASCII.GetString(line);
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            return HandStatus.BadLineEnding;
        }

        string[] parts = text[..^2].Split(' ', 2);
        string verb = parts[0].ToUpperInvariant();
        string? argument = parts.Length > 1 ? parts[1] : null;
        switch (verb)
        {
            case "HELO" or "EHLO" or "VRFY" or "EXPN":
                if (string.IsNullOrEmpty(argument))
                {
                    return HandStatus.SyntaxError;
                }

                command = new NaiveCommand(verb, argument, null, null);
                return HandStatus.Ok;
            case "MAIL":
                return Path(verb, argument, "FROM:", out command);
            case "RCPT":
                return Path(verb, argument, "TO:", out command);
            case "DATA" or "QUIT" or "RSET":
                if (argument is not null)
                {
                    return HandStatus.SyntaxError;
                }

                command = new NaiveCommand(verb, null, null, null);
                return HandStatus.Ok;
            case "NOOP" or "HELP":
                command = new NaiveCommand(verb, argument, null, null);
                return HandStatus.Ok;
            default:
                return HandStatus.UnknownVerb;
        }
    }

    private static HandStatus Path(string verb, string? argument, string prefix, out NaiveCommand? command)
    {
        command = null;
        if (argument is null || !argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return HandStatus.SyntaxError;
        }

        string rest = argument[prefix.Length..];
        int close = rest.IndexOf('>', StringComparison.Ordinal);
        if (!rest.StartsWith('<') || close < 0)
        {
            return HandStatus.SyntaxError;
        }

        string address = rest[1..close];
        Dictionary<string, string?>? parameters = null;
        string tail = rest[(close + 1)..];
        if (tail.Length > 0)
        {
            if (tail[0] != ' ')
            {
                return HandStatus.SyntaxError;
            }

            parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (string parameter in tail[1..].Split(' '))
            {
                string[] pair = parameter.Split('=', 2);
                if (pair[0].Length == 0)
                {
                    return HandStatus.SyntaxError;
                }

                parameters[pair[0]] = pair.Length > 1 ? pair[1] : null;
            }
        }

        command = new NaiveCommand(verb, null, address, parameters);
        return HandStatus.Ok;
    }
}
