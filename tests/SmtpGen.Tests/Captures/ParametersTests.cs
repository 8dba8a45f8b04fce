using System.Buffers;
using System.Text;
using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class ParametersTests
{
    private static string? ScanRaw(string input)
    {
        byte[] content = Content(input);
        int position = Start;
        if (!Parameters.TryScan(content, ref position, out EsmtpParameters parameters))
        {
            Assert.Equal(Start, position);
            Assert.True(parameters.IsEmpty);
            return null;
        }

        Assert.Equal(Start + parameters.Raw.Length, position);
        return Encoding.UTF8.GetString(parameters.Raw);
    }

    [Theory]
    [InlineData("SIZE=35882577", "SIZE=35882577")]
    [InlineData("SIZE=1000 BODY=8BITMIME SMTPUTF8", "SIZE=1000 BODY=8BITMIME SMTPUTF8")]
    [InlineData("SMTPUTF8", "SMTPUTF8")]
    [InlineData("X-VENDOR-=a", "X-VENDOR-=a")]
    [InlineData("9X=<>", "9X=<>")]
    [InlineData("ENVID=ünïcode", "ENVID=ünïcode")]
    [InlineData("ORCPT=rfc822;user+40example.com", "ORCPT=rfc822;user+40example.com")]
    [InlineData("SIZE=1000  BODY=7BIT", "SIZE=1000")]
    [InlineData("SIZE=1000 ", "SIZE=1000")]
    [InlineData("SIZE= BODY=7BIT", "SIZE")]
    [InlineData("SIZE==1", "SIZE")]
    [InlineData("SIZE=1=2", "SIZE=1")]
    [InlineData("BODY=8BIT\0", "BODY=8BIT")]
    [InlineData("A B -C", "A B")]
    [InlineData("-SIZE=1", null)]
    [InlineData("=1", null)]
    [InlineData(" SIZE=1", null)]
    [InlineData("", null)]
    public void Scans_the_longest_run_of_parameters(string input, string? raw)
    {
        Assert.Equal(raw, ScanRaw(input));
    }

    [Fact]
    public void Enumerates_keywords_and_values()
    {
        Assert.True(EsmtpParameters.TryCreate("SIZE=1000 SMTPUTF8 BODY=8BITMIME"u8, out EsmtpParameters parameters));
        var seen = new List<string>();
        foreach (EsmtpParameter parameter in parameters)
        {
            seen.Add($"{Encoding.ASCII.GetString(parameter.Keyword)}|{parameter.HasValue}|{Encoding.ASCII.GetString(parameter.Value)}");
        }

        Assert.Equal(["SIZE|True|1000", "SMTPUTF8|False|", "BODY|True|8BITMIME"], seen);
    }

    [Fact]
    public void Each_parameter_is_given_as_sent_too()
    {
        Assert.True(EsmtpParameters.TryCreate("SIZE=1000 SMTPUTF8 MT-PRIORITY=-3"u8, out EsmtpParameters parameters));
        var seen = new List<string>();
        foreach (EsmtpParameter parameter in parameters)
        {
            seen.Add(Encoding.ASCII.GetString(parameter.Raw));
        }

        Assert.Equal(["SIZE=1000", "SMTPUTF8", "MT-PRIORITY=-3"], seen);
    }

    [Fact]
    public void Finds_values_by_keyword_case_insensitively()
    {
        Assert.True(EsmtpParameters.TryCreate("SIZE=1000 SMTPUTF8 BODY=8BITMIME"u8, out EsmtpParameters parameters));
        Assert.True(parameters.TryGetValue("body"u8, out ReadOnlySpan<byte> body));
        Assert.Equal("8BITMIME", Encoding.ASCII.GetString(body));
        Assert.True(parameters.TryGetValue("SmtpUtf8"u8, out ReadOnlySpan<byte> none));
        Assert.True(none.IsEmpty);
        Assert.True(parameters.Contains("size"u8));
        Assert.False(parameters.Contains("SIZ"u8));
        Assert.False(parameters.TryGetValue("RET"u8, out _));
    }

    [Fact]
    public void Default_and_empty_parameters_are_empty()
    {
        EsmtpParameters none = default;
        Assert.True(none.IsEmpty);
        Assert.False(none.GetEnumerator().MoveNext());
        Assert.False(none.Contains("SIZE"u8));
        Assert.True(EsmtpParameters.TryCreate(default, out EsmtpParameters empty));
        Assert.True(empty.IsEmpty);
    }

    [Theory]
    [InlineData("SIZE=1000 ")]
    [InlineData("SIZE=")]
    [InlineData("SIZE=1\r\nRSET")]
    [InlineData("-X")]
    [InlineData(" SIZE=1")]
    public void TryCreate_refuses_what_is_not_parameters(string input)
    {
        Assert.False(EsmtpParameters.TryCreate(Encoding.UTF8.GetBytes(input), out EsmtpParameters parameters));
        Assert.True(parameters.IsEmpty);
    }

    [Fact]
    public void TryCreate_refuses_ill_formed_UTF8_in_a_value()
    {
        Assert.False(EsmtpParameters.TryCreate(Octets("ENVID=a", [0xC3], ""), out _));
    }

    [Fact]
    public void Write_round_trips()
    {
        Assert.True(EsmtpParameters.TryCreate("SIZE=1000 BODY=8BITMIME"u8, out EsmtpParameters parameters));
        var output = new ArrayBufferWriter<byte>();
        Parameters.Write(output, parameters);
        Assert.Equal("SIZE=1000 BODY=8BITMIME", ScanRaw(Encoding.UTF8.GetString(output.WrittenSpan)));
    }

    [Fact]
    public void Write_refuses_empty_parameters()
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentException>(() => Parameters.Write(output, default));
        Assert.Contains(nameof(Parameters), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData((byte)'\r')]
    [InlineData((byte)'\n')]
    [InlineData((byte)0)]
    public void Parameters_whose_memory_gained_a_control_octet_after_they_were_made_are_not_written(byte control)
    {
        var output = new ArrayBufferWriter<byte>();
        ArgumentException error = Assert.Throws<ArgumentException>(() => Parameters.Write(output, MadeThenChanged(control)));
        Assert.Contains(nameof(Parameters), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
        Assert.Throws<ArgumentException>(() => Parameters.TryWrite(new byte[64], MadeThenChanged(control), out _));
    }

    [Fact]
    public void A_control_octet_gained_past_the_first_64_octets_is_found_too()
    {
        // Vectorised searches read 32 or 64 octets at a time: the LF lands in the last block of these 102 octets.
        const string Long = "NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;first.last@engineering.department.example.com ENVID=QQ314159";
        Assert.Throws<ArgumentException>(() => Parameters.TryWrite(new byte[256], MadeThenChanged(Long, 100, (byte)'\n'), out _));
    }

    /// <summary>Parameters made from the caller's memory, checked then; the caller writes into it afterwards, as a bug or an attack would.</summary>
    private static EsmtpParameters MadeThenChanged(byte control) => MadeThenChanged("SIZE=1000 BODY=8BITMIME", 9, control);

    private static EsmtpParameters MadeThenChanged(string text, int position, byte control)
    {
        byte[] memory = Encoding.ASCII.GetBytes(text);
        Assert.True(EsmtpParameters.TryCreate(memory, out EsmtpParameters parameters));
        memory[position] = control;
        return parameters;
    }
}
