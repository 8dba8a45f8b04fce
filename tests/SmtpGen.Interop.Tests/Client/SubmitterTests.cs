using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// MAIL's AUTH= (RFC 4954 §5): the submitter a relay passes on, as xtext, to a server that offers AUTH (&lt;&gt; for one
/// beyond ASCII); nothing to one that does not; refused before anything is sent when it is neither a mailbox nor &lt;&gt;. With our server
/// (authenticated or not) in <see cref="AuthTests"/>.
/// </summary>
public class SubmitterTests
{
    [Theory]
    [InlineData("boss@example.com", "AUTH=boss@example.com")]
    // xtext (RFC 3461 §4): '+' and '=' go as hexchars, as does every octet outside '!'..'~'.
    [InlineData("boss+sales=eu@example.com", "AUTH=boss+2Bsales+3Deu@example.com")]
    [InlineData("\"the boss\"@example.com", "AUTH=\"the+20boss\"@example.com")]
    [InlineData("<>", "AUTH=<>")]
    [InlineData("", "AUTH=<>")]
    // RFC 4954 §5: AUTH= carries RFC 5321's mailboxes, which are ASCII; a relay that cannot give a valid one says <>.
    [InlineData("bóss@example.com", "AUTH=<>")]
    public async Task The_submitter_goes_on_MAIL_as_xtext_to_a_server_that_offers_AUTH(string submitter, string parameter) =>
        await ScriptedClient.SendExpectingMailParametersAsync(new SmtpSendOptions { Submitter = submitter }, parameter, "AUTH PLAIN");

    [Fact]
    public async Task The_submitter_goes_among_the_clients_own_parameters_before_the_callers() =>
        await ScriptedClient.SendExpectingMailParametersAsync(
            new SmtpSendOptions
            {
                Submitter = "boss@example.com",
                DeliveryStatus = new DeliveryStatusOptions { Return = DsnReturn.Headers },
                MailParameters = "MT-PRIORITY=2",
            },
            "AUTH=boss@example.com RET=HDRS MT-PRIORITY=2",
            "AUTH PLAIN", "DSN", "MT-PRIORITY");

    [Fact]
    public async Task A_server_that_does_not_offer_AUTH_gets_no_submitter() =>
        await ScriptedClient.SendExpectingMailParametersAsync(new SmtpSendOptions { Submitter = "boss@example.com" }, "", "ENHANCEDSTATUSCODES");

    [Theory]
    [InlineData("boss")]
    [InlineData("<boss@example.com>")]
    [InlineData("Boss <boss@example.com>")]
    [InlineData("boss@example.com\r\nRSET")]
    [InlineData("<")]
    public async Task A_submitter_that_is_no_mailbox_is_refused_before_anything_is_sent(string submitter)
    {
        ArgumentException refused = await ScriptedClient.RefusedBeforeAnythingIsSentAsync<ArgumentException>(
            [Bob], new SmtpSendOptions { Submitter = submitter }, "AUTH PLAIN", "SMTPUTF8");

        Assert.Equal("options", refused.ParamName);
        Assert.StartsWith("Submitter \"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("is neither a mailbox (RFC 5321 §4.1.2) nor <> (RFC 4954 §5)", refused.Message, StringComparison.Ordinal);
    }
}
