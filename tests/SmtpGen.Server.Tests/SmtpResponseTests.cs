using SmtpGen.Smtp;

namespace SmtpGen.Server.Tests;

/// <summary>A policy's answer as the application makes it: accept, a refusal of its own, or one of the definition's fixed replies.</summary>
public class SmtpResponseTests
{
    [Fact]
    public void Accept_and_default_are_the_same_answer_with_an_empty_text()
    {
        Assert.True(SmtpResponse.Accept.IsAccepted);
        Assert.Equal(SmtpResponse.Accept, default);
        Assert.Equal("", SmtpResponse.Accept.Text);
        Assert.Equal("", default(SmtpResponse).Text);
    }

    [Fact]
    public void A_fixed_refusal_of_the_definition_carries_its_code_status_and_text()
    {
        SmtpResponse refusal = SmtpResponse.Refuse(SmtpProtocol.Reply.MailboxUnavailable);

        Assert.False(refusal.IsAccepted);
        Assert.Equal(550, refusal.Code.Value);
        Assert.False(string.IsNullOrEmpty(refusal.Text));
    }

    [Theory]
    [InlineData(SmtpProtocol.Reply.ParameterNotRecognized, "ParameterNotRecognized (555) takes arguments in its text: refuse with Refuse(code, enhancedStatusCode, text). (Parameter 'reply')")]
    [InlineData(SmtpProtocol.Reply.Ok, "Ok (250) is not a refusal. (Parameter 'reply')")]
    public void A_reply_that_is_no_refusal_or_takes_arguments_is_refused_as_an_argument(SmtpProtocol.Reply reply, string message)
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => SmtpResponse.Refuse(reply));

        Assert.Equal(message, refused.Message);
        Assert.Equal("reply", refused.ParamName);
    }
}
