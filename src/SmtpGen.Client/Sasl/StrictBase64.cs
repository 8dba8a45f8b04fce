using System.Text;
using SmtpGen.Captures;

namespace SmtpGen.Client;

/// <summary>Base64 as RFC 4954 §4 asks of both sides: only the alphabet, padding only at the end.</summary>
internal static class StrictBase64
{
    /// <summary>The octets of <paramref name="text"/>; null when it is not strict base64.</summary>
    public static byte[]? Decode(string text)
    {
        byte[] encoded = Encoding.ASCII.GetBytes(text);
        byte[] decoded = new byte[encoded.Length];
        return encoded is not [(byte)'='] && SaslResponse.TryDecode(encoded, decoded, out int written) ? decoded[..written] : null;
    }
}
