using System.Runtime.CompilerServices;
using SmtpGen.Smtp;
using Extension = SmtpGen.Smtp.SmtpProtocol.Extension;
using Extensions = SmtpGen.Smtp.SmtpProtocol.Extensions;

namespace SmtpGen.Server.Tests;

/// <summary>The extensions a server offers, as its options choose them from the SMTP definition.</summary>
public class ExtensionTests
{
    private static async Task<RawClient> GreetedAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.Equal("220 mail.example.com Service ready", await client.ReadReplyAsync());
        return client;
    }

    [Fact]
    public async Task By_default_every_extension_the_server_implements_is_announced()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 1000);
        await using RawClient client = await GreetedAsync(server);
        string ehlo = await client.CommandAsync("EHLO client.example.com");

        Assert.Equal(
            "250-mail.example.com Hello client.example.com\n250-PIPELINING\n250-SIZE 1000\n250-8BITMIME\n250-SMTPUTF8\n250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-DSN\n250 BINARYMIME",
            ehlo);
    }

    [Fact]
    public async Task Only_the_offered_extensions_are_announced()
    {
        await using TestServer server = TestServer.Start(options => options.Extensions = Extensions.None.With(Extension.Pipelining));
        await using RawClient client = await GreetedAsync(server);
        string ehlo = await client.CommandAsync("EHLO client.example.com");

        Assert.Equal("250-mail.example.com Hello client.example.com\n250 PIPELINING", ehlo);
    }

    [Fact]
    public async Task With_no_extension_offered_the_reply_to_ehlo_is_one_line()
    {
        await using TestServer server = TestServer.Start(options => options.Extensions = Extensions.None);
        await using RawClient client = await GreetedAsync(server);
        string ehlo = await client.CommandAsync("EHLO client.example.com");

        Assert.Equal("250 mail.example.com Hello client.example.com", ehlo);
    }

    [Theory]
    [InlineData(Extension.SmtpUtf8, "MAIL FROM:<a@example.com> SMTPUTF8", "SMTPUTF8")]
    [InlineData(Extension.Size, "MAIL FROM:<a@example.com> SIZE=100", "SIZE")]
    [InlineData(Extension.EightBitMime, "MAIL FROM:<a@example.com> SMTPUTF8 BODY=8BITMIME", "BODY")]
    public async Task A_parameter_of_an_extension_not_offered_gets_555_naming_it(Extension withheld, string mail, string keyword)
    {
        await using TestServer server = TestServer.Start(options => options.Extensions = Extensions.All.Without(withheld));
        await using RawClient client = await GreetedAsync(server);
        await client.CommandAsync("EHLO client.example.com");

        Assert.Equal($"555 5.5.4 {keyword} parameter not recognized or not implemented", await client.CommandAsync(mail));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Theory]
    [InlineData("MAIL FROM:<a@example.com> SIZE=12x", "SIZE parameter malformed")]
    [InlineData("MAIL FROM:<a@example.com> SIZE=1 size=2", "size parameter given twice")]
    [InlineData("MAIL FROM:<a@example.com> SMTPUTF8 BODY=BINARY", "BODY parameter malformed")]
    [InlineData("MAIL FROM:<a@example.com> SMTPUTF8=yes", "SMTPUTF8 parameter malformed")]
    [InlineData("MAIL FROM:<a@example.com> BODY=8BITMIME SMTPUTF8 SMTPUTF8", "SMTPUTF8 parameter given twice")]
    public async Task A_malformed_or_repeated_parameter_gets_501_naming_it(string mail, string text)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await GreetedAsync(server);
        await client.CommandAsync("EHLO client.example.com");

        Assert.Equal("501 5.5.4 " + text, await client.CommandAsync(mail));
    }

    [Fact]
    public async Task A_keyword_longer_than_a_reply_names_gets_RFC_5321s_text_and_the_session_goes_on()
    {
        // A MAIL line may be longer than a reply's 512 octets; a keyword of 470 would make the named reply too long.
        await using TestServer server = TestServer.Start();
        await using RawClient client = await GreetedAsync(server);
        await client.CommandAsync("EHLO client.example.com");

        Assert.Equal("555 5.5.4 MAIL FROM/RCPT TO parameters not recognized or not implemented", await client.CommandAsync("MAIL FROM:<a@example.com> X" + new string('A', 469)));
        Assert.Equal("555 5.5.4 X" + new string('A', 63) + " parameter not recognized or not implemented", await client.CommandAsync("MAIL FROM:<a@example.com> X" + new string('A', 63)));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Without_enhanced_status_codes_offered_no_reply_carries_one()
    {
        await using TestServer server = TestServer.Start(options => options.Extensions = Extensions.All.Without(Extension.EnhancedStatusCodes));
        await using RawClient client = await GreetedAsync(server);
        string ehlo = await client.CommandAsync("EHLO client.example.com");

        Assert.DoesNotContain("ENHANCEDSTATUSCODES", ehlo, StringComparison.Ordinal);
        Assert.Equal("250 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("DATA"));
    }

    [Theory]
    [InlineData("mail server")]
    [InlineData("mail.example.com\r\n250 forged")]
    [InlineData("-mail.example.com")]
    public void A_server_name_that_is_no_domain_is_refused_at_start(string name)
    {
        var options = new SmtpServerOptions { ServerName = name };

        ArgumentException error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(nameof(SmtpServerOptions.ServerName), error.ParamName);
    }

    [Theory]
    [InlineData("mail.example.com")]
    [InlineData("[192.0.2.1]")]
    [InlineData("localhost")]
    public void A_domain_or_an_address_literal_names_the_server(string name)
    {
        new SmtpServerOptions { ServerName = name }.Validate();
    }

    [Fact]
    public async Task A_client_name_that_would_make_the_reply_to_ehlo_too_long_is_refused()
    {
        string serverName = string.Join('.', Enumerable.Repeat(new string('s', 63), 4))[..255];
        string clientName = string.Join('.', Enumerable.Repeat(new string('c', 63), 4))[..250];
        await using TestServer server = TestServer.Start(options => options.ServerName = serverName);
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 " + serverName, await client.ReadReplyAsync());

        Assert.StartsWith("501 ", await client.CommandAsync("EHLO " + clientName));
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"));
    }

    /// <summary>
    /// Issue 8's check: SMTP's extension keywords and their parameters' values are spelled in the SMTP definition
    /// alone. Outside comments, the server and the client have no string that spells SIZE, 8BITMIME, SMTPUTF8 or
    /// PIPELINING, nor BODY's values "7BIT" and "BINARYMIME"; they take them from the generated code.
    /// </summary>
    [Fact]
    public void The_server_and_the_client_spell_no_extension_keyword_of_their_own()
    {
        string[] keywords = ["\"SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING", "\"7BIT\"", "\"BINARYMIME\""];
        string[] spelled =
        [
            .. Directory.EnumerateFiles(Repository("src", "SmtpGen.Server"), "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Repository("src", "SmtpGen.Client"), "*.cs", SearchOption.AllDirectories))
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Path.GetFileName(file), Number: i + 1, Code: WithoutComment(line))))
                .Where(line => keywords.Any(keyword => line.Code.Contains(keyword, StringComparison.Ordinal)))
                .Select(line => $"{line.File}:{line.Number}: {line.Code.Trim()}"),
        ];

        Assert.Empty(spelled);
    }

    /// <summary>The line without a comment that ends it: the code before <c>//</c> (a comment line has none).</summary>
    private static string WithoutComment(string line) =>
        line.IndexOf("//", StringComparison.Ordinal) is int comment and >= 0 && !line.AsSpan(0, comment).Contains("\"", StringComparison.Ordinal)
            ? line[..comment]
            : line;

    private static string Repository(string folder, string project, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "..", "..", folder, project);
}
