using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Protocols.Tests;

/// <summary>User names in SCRAM messages (RFC 5802 §5.1): ',' as =2C and '=' as =3D, and nothing else after '='.</summary>
public class ScramNameTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("a=2Cb=3Dc", "a,b=c")]
    [InlineData("=3D=2C", "=,")]
    [InlineData("=3=2CD", null)]
    [InlineData("a=", null)]
    [InlineData("a=2", null)]
    [InlineData("a=41", null)]
    public void A_name_decodes_in_one_pass_and_refuses_any_other_escape(string encoded, string? name)
    {
        Assert.Equal(name, Scram.DecodeName(encoded));
        if (name is not null)
        {
            Assert.Equal(name, Scram.DecodeName(Scram.EncodeName(name)));
        }
    }
}
