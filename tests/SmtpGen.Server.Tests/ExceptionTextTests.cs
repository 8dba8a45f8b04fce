using System.Security.Authentication;

namespace SmtpGen.Server.Tests;

/// <summary>A log line's account of an exception, without its stack trace.</summary>
public class ExceptionTextTests
{
    [Fact]
    public void A_handshakes_failure_is_told_down_to_its_innermost_cause()
    {
        var failure = new AuthenticationException(
            "Authentication failed, see inner exception.",
            new IOException("SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL.", new InvalidOperationException("error:0A000102:SSL routines::unsupported protocol")));

        Assert.Equal(
            "Authentication failed, see inner exception. SSL Handshake failed with OpenSSL error - SSL_ERROR_SSL. error:0A000102:SSL routines::unsupported protocol",
            ExceptionText.WithCauses(failure));
    }

    [Fact]
    public void An_exception_without_a_cause_is_its_message()
    {
        Assert.Equal("Cannot determine the frame size or a corrupted frame was received.", ExceptionText.WithCauses(new IOException("Cannot determine the frame size or a corrupted frame was received.")));
    }
}
