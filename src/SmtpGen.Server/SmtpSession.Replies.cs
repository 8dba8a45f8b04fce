using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// Whether SMTP's command may come now: by SMTP's state machine, or, for a definition that extends SMTP, by the
    /// extension's, which may have states of its own.
    /// </summary>
    private bool IsAllowed(Verb verb) =>
        _options.Commands is { } extension ? extension.IsAllowed(_state, verb) : SmtpProtocol.IsAllowed(_state, verb);

    /// <summary>Moves the session along the state machine (SMTP's, or the extension's) after a reply to SMTP's command.</summary>
    private void Advance(Verb verb, int replyCode) =>
        _state = _options.Commands is { } extension ? extension.Next(_state, verb, replyCode) : SmtpProtocol.Next(_state, verb, replyCode);

    /// <summary>Writes a fixed reply, with its enhanced status code once EHLO announced them (RFC 2034).</summary>
    private void Reply(SmtpProtocol.Reply reply) => SmtpProtocol.WriteReply(_output, reply, Enhanced);

    /// <summary>Answers a command with a reply and moves the session along the state table.</summary>
    private void Answer(Verb verb, SmtpProtocol.Reply reply)
    {
        Reply(reply);
        Advance(verb, SmtpProtocol.GetReplyCode(reply));
    }

    /// <summary>
    /// Answers MAIL or RCPT with <paramref name="accepted"/>, or with the policy's reply: a 2yz accepts in the policy's
    /// words (251 "will forward", RFC 5321 §3.4), a 4yz or 5yz refuses, logged with the command and its
    /// <paramref name="path"/>. Returns whether it accepted.
    /// </summary>
    private bool Answer(Verb verb, string path, SmtpResponse response, SmtpProtocol.Reply accepted)
    {
        if (response.IsAccepted)
        {
            Answer(verb, accepted);
            return true;
        }

        if (response.Code.Value < 400)
        {
            // A client told ENHANCEDSTATUSCODES gets one on every reply (RFC 2034): the sender's or the recipient's "valid" when the policy gave none.
            EnhancedStatusCode status = !Enhanced ? default
                : !response.EnhancedStatusCode.IsEmpty ? response.EnhancedStatusCode
                : new EnhancedStatusCode(2, 1, verb == Verb.Mail ? 0 : 5);
            ReplyWriter.Write(_output, response.Code, status, response.Utf8Text);
            Advance(verb, response.Code);
            return true;
        }

        Log.RefusedPath(_logger, SmtpProtocol.GetVerbName(verb), path, response.Code.Value, response.Text);
        Write(response, logged: true);
        Advance(verb, response.Code);
        return false;
    }

    /// <summary>
    /// Writes a handler's answer to a command of its own; one the server wrote itself (a greeting) is not written again.
    /// A 221 or a 421 ends the session.
    /// </summary>
    internal void Answer(SmtpResponse response)
    {
        if (response.IsWritten)
        {
            return;
        }

        if (response.Code.Value >= 400)
        {
            Write(response);
            return;
        }

        ReplyWriter.Write(_output, response.Code, Enhanced ? response.EnhancedStatusCode : default, response.Utf8Text);
        if (response.Code.Value == 221)
        {
            // "Service closing transmission channel" (RFC 5321 §4.2.2): the session ends as after QUIT, as a 421 ends it.
            _mode = Mode.Closed;
            _quitAnswered = true;
        }
    }

    /// <summary>Answers a command with a refusal of a policy's, a handler's or the store's choosing, and moves the session along the state table.</summary>
    private void Refuse(Verb verb, SmtpResponse refusal)
    {
        Write(refusal);
        Advance(verb, refusal.Code.Value);
    }

    /// <summary>
    /// Writes a refusal of a policy's, a handler's or the store's choosing, logged unless <paramref name="logged"/> says its
    /// caller did; a 421 ends the session, as it says (RFC 5321 §3.8).
    /// </summary>
    private void Write(SmtpResponse response, bool logged = false)
    {
        _resources.Metrics.Rejected(response.Code);
        if (!logged)
        {
            LogRefusal(response.Code.Value, response.Text);
        }

        ReplyWriter.Write(_output, response.Code, Enhanced ? response.EnhancedStatusCode : default, response.Utf8Text);
        if (response.Code.Value == 421)
        {
            _mode = Mode.Closed;
        }
    }

    /// <summary>Refuses what the client asked for (a limit or a policy), which is not the client's error; logged with its code and text.</summary>
    private void Refuse(SmtpProtocol.Reply reply)
    {
        int code = SmtpProtocol.GetReplyCode(reply);
        _resources.Metrics.Rejected(code);
        LogRefusal(code, ReplyTexts.Of(reply));
        Reply(reply);
    }

    /// <summary>Logs a refusal with the command it answers (see <see cref="_command"/>); the greeting's, before any line, without.</summary>
    private void LogRefusal(int code, string reason)
    {
        if (_command is null)
        {
            Log.Refused(_logger, code, reason);
        }
        else
        {
            Log.RefusedCommand(_logger, _command, code, reason);
        }
    }

    /// <summary>
    /// Answers a command the client got wrong (syntax, sequence, parameters) and counts it; after
    /// <see cref="SmtpServerOptions.MaxErrors"/> of them the session ends with 421.
    /// </summary>
    internal void Error(SmtpProtocol.Reply reply)
    {
        Refuse(reply);
        CountError();
    }

    /// <summary>
    /// Answers a parameter of MAIL or RCPT the client got wrong, naming it: not known or of an extension not offered (555),
    /// malformed or given twice (501); counted as <see cref="Error"/> counts.
    /// </summary>
    private void ParameterError(ParameterStatus status, ReadOnlySpan<byte> keyword)
    {
        SmtpProtocol.Reply reply = status switch
        {
            ParameterStatus.Unknown => SmtpProtocol.Reply.ParameterNotRecognized,
            ParameterStatus.Repeated => SmtpProtocol.Reply.ParameterRepeated,
            _ => SmtpProtocol.Reply.ParameterMalformed,
        };
        int code = SmtpProtocol.GetReplyCode(reply);
        _resources.Metrics.Rejected(code);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            // The log's text is the reply's without its code, as for every refusal; an error's path may allocate.
            var text = new ArrayBufferWriter<byte>();
            Write(text, reply, keyword, enhancedStatusCode: false);
            LogRefusal(code, Encoding.ASCII.GetString(text.WrittenSpan[4..^2]));
        }

        Write(_output, reply, keyword, Enhanced);
        CountError();

        static void Write(IBufferWriter<byte> output, SmtpProtocol.Reply reply, ReadOnlySpan<byte> keyword, bool enhancedStatusCode)
        {
            switch (reply)
            {
                case SmtpProtocol.Reply.ParameterNotRecognized:
                    SmtpProtocol.WriteParameterNotRecognizedReply(output, keyword, enhancedStatusCode: enhancedStatusCode);
                    break;
                case SmtpProtocol.Reply.ParameterRepeated:
                    SmtpProtocol.WriteParameterRepeatedReply(output, keyword, enhancedStatusCode: enhancedStatusCode);
                    break;
                default:
                    SmtpProtocol.WriteParameterMalformedReply(output, keyword, enhancedStatusCode: enhancedStatusCode);
                    break;
            }
        }
    }

    /// <summary>Counts an error of the client's; after <see cref="SmtpServerOptions.MaxErrors"/> of them the session ends with 421.</summary>
    private void CountError()
    {
        if (++_errors >= _options.MaxErrors)
        {
            Log.TooManyErrors(_logger, _errors);
            Close(SmtpProtocol.Reply.TooManyErrors);
        }
    }
}
