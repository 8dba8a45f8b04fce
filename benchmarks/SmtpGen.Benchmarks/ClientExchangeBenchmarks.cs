using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SmtpGen.Benchmarks.Peers;

namespace SmtpGen.Benchmarks;

/// <summary>
/// Reply reading as a client does it, against MailKit: MailKit's reply parser is internal, so both sides run the same
/// exchange over the same in-memory server stream (<see cref="ScriptedServerStream"/>): write the command, read the
/// bytes, find the lines, parse the reply. <c>Session</c> is the greeting plus EHLO and its eight-line reply;
/// <c>NOOP</c> is one command and the one-line reply <c>250 2.0.0 OK</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] disposes the clients.
public class ClientExchangeBenchmarks
#pragma warning restore CA1001
{
    private GeneratedClientExchange _generatedSession = null!;
    private GeneratedClientExchange _generatedNoop = null!;
    private MailKitClientExchange _mailKitSession = null!;
    private MailKitClientExchange _mailKitNoop = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generatedSession = new GeneratedClientExchange(ClientExchangeScript.CreateServer());
        _generatedNoop = new GeneratedClientExchange(ClientExchangeScript.CreateServer());
        _generatedNoop.Connect();
        _mailKitSession = new MailKitClientExchange(ClientExchangeScript.CreateServer());
        _mailKitNoop = new MailKitClientExchange(ClientExchangeScript.CreateServer());
        _mailKitNoop.Open();

        // Each side must get through its exchange, twice (the stream and the clients are reused).
        for (int i = 0; i < 2; i++)
        {
            _ = SessionGenerated() + SessionMailKit() + NoopGenerated() + NoopMailKit();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mailKitSession.Dispose();
        _mailKitNoop.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Session (greeting, EHLO), generated")]
    [BenchmarkCategory("Session")]
    public int SessionGenerated() => _generatedSession.Connect();

    [Benchmark(Description = "Session (greeting, EHLO), MailKit 4.18")]
    [BenchmarkCategory("Session")]
    public int SessionMailKit() => _mailKitSession.Connect();

    [Benchmark(Baseline = true, Description = "NOOP exchange, generated")]
    [BenchmarkCategory("Noop")]
    public int NoopGenerated() => _generatedNoop.Noop();

    [Benchmark(Description = "NOOP exchange, MailKit 4.18")]
    [BenchmarkCategory("Noop")]
    public int NoopMailKit() => _mailKitNoop.Noop();
}
