namespace SmtpGen.Generators.Parsing;

/// <summary>Checks an RFC 3463 enhanced status code, <c>class.subject.detail</c>, against its reply code.</summary>
internal static class EnhancedStatusCodeSyntax
{
    /// <summary>Returns why <paramref name="text"/> does not fit <paramref name="replyCode"/>, or null when it does.</summary>
    public static string? Check(string text, int replyCode)
    {
        string[] parts = text.Split('.');
        if (parts.Length != 3 || !IsNumber(parts[0], 1) || !IsNumber(parts[1], 3) || !IsNumber(parts[2], 3))
        {
            return "it must read class.subject.detail, with 1 to 3 digits each and no leading zero (RFC 3463 §2)";
        }

        if (parts[0] is not ("2" or "4" or "5"))
        {
            return "its class must be 2, 4 or 5 (RFC 3463 §2)";
        }

        return parts[0][0] - '0' == replyCode / 100
            ? null
            : $"its class {parts[0]} must be the reply code's first digit, {replyCode / 100}";
    }

    private static bool IsNumber(string text, int maxDigits)
    {
        // RFC 3463 §2: 1*3digit without leading zeros, as the runtime's parser reads it.
        if (text.Length == 0 || text.Length > maxDigits || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
