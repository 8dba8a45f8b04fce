using System.Buffers;
using SmtpGen.Captures;

namespace SmtpGen.Tests.Captures;

public class AllocationFreeScanningTests
{
    [Fact]
    public void Scanning_every_kind_does_not_allocate()
    {
        byte[] mail = "<@relay.example:\"john doe\"@bücher.example> SIZE=35882577 BODY=8BITMIME SMTPUTF8"u8.ToArray();
        byte[] rcpt = "<Postmaster>"u8.ToArray();
        byte[] ehlo = "[IPv6:2001:db8::ffff:192.0.2.1]"u8.ToArray();
        byte[] word = "\"quoted\\\"word\" 12345 free text ✓"u8.ToArray();
        long allocated = Allocations.Measure(() =>
        {
            int position = 0;
            Assert.True(ReversePath.TryScan(mail, ref position, out _));
            position++;
            Assert.True(Parameters.TryScan(mail, ref position, out EsmtpParameters parameters));
            Assert.True(parameters.TryGetValue("body"u8, out _));
            foreach (EsmtpParameter parameter in parameters)
            {
                _ = parameter.Keyword;
            }

            position = 0;
            Assert.True(ForwardPath.TryScan(rcpt, ref position, out _));
            position = 0;
            Assert.True(DomainOrAddressLiteral.TryScan(ehlo, ref position, out _));
            position = 0;
            Assert.True(Word.TryScan(word, ref position, out _));
            position++;
            Assert.True(Number.TryScan(word, ref position, out _));
            position++;
            Assert.True(SmtpGen.Captures.Text.TryScan(word, ref position, out _));
            position = 1;
            Assert.True(Atom.TryScan(word, ref position, out _));
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_checked_values_does_not_allocate()
    {
        var output = new ArrayBufferWriter<byte>(1024);
        byte[] mailbox = "\"john doe\"@bücher.example"u8.ToArray();
        byte[] domain = "mail.example.com"u8.ToArray();
        long allocated = Allocations.Measure(() =>
        {
            output.ResetWrittenCount();
            ReversePath.Write(output, mailbox);
            ForwardPath.Write(output, "Postmaster"u8);
            Domain.Write(output, domain);
            Number.Write(output, 35882577);
            EsmtpParameters.TryCreate("SIZE=1 BODY=7BIT"u8, out EsmtpParameters parameters);
            Parameters.Write(output, parameters);
        });
        Assert.Equal(0, allocated);
    }
}
