using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>The texts of SMTP's fixed replies, for the log line of a refusal: each read once from its reply's preformatted octets.</summary>
internal static class ReplyTexts
{
    private static readonly string?[] Texts = new string?[Enum.GetValues<SmtpProtocol.Reply>().Max(reply => (int)reply) + 1];

    /// <summary>The text of a fixed reply after its code, e.g. <c>Too many recipients</c>; made on first use, then shared.</summary>
    /// <param name="reply">A reply without arguments.</param>
    public static string Of(SmtpProtocol.Reply reply) => Texts[(int)reply] ??= Read(reply);

    /// <summary>Reads the text between the code's SP and the CRLF: <c>452 Too many recipients\r\n</c>.</summary>
    private static string Read(SmtpProtocol.Reply reply) =>
        Encoding.UTF8.GetString(SmtpProtocol.GetReplyBytes(reply)[(SessionResources.ReplyCodeLength + 1)..^2]);
}
