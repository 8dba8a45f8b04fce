using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MailKit.Net.Smtp;
using SmtpGen.Benchmarks.Peers;

namespace SmtpGen.Benchmarks.MailData;

/// <summary>
/// The mail data after 354, 1 MiB per operation. <c>Decode</c>: a server finds the end (<c>CRLF . CRLF</c>) and removes
/// the doubled dots, against a plain copy of the same received octets (the memory bound), MailKit's
/// <see cref="SmtpDataFilter"/> in decode mode (unstuffing only: it does not look for the end), and SmtpServer's search
/// rebuilt from its public pieces (<see cref="SmtpServerDotBlock"/>). <c>Encode</c>: a client doubles the dots and ends the
/// data, against a copy of the message and MailKit's filter in encode mode.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(Config))]
public class MailDataBenchmarks
{
    private byte[] _message = [];
    private byte[] _wire = [];
    private ReadOnlySequence<byte> _received;
    private readonly byte[] _destination = new byte[MailBodies.MessageLength * 2];
    private readonly ArrayBufferWriter<byte> _encoded = new(MailBodies.MessageLength * 2);
    private readonly SmtpDataFilter _mailKitDecoder = new(decode: true);
    private readonly SmtpDataFilter _mailKitEncoder = new(decode: false);

    [Params(MailBody.Text, MailBody.Dense, MailBody.Dots)]
    public MailBody Body { get; set; }

    /// <summary>Every decoder must give back the message, and the encoder the wire form, or the comparison means nothing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = MailBodies.Message(Body);
        _wire = MailBodies.Wire(_message);
        _received = new ReadOnlySequence<byte>(_wire);
        MailDataAgreement.Check(this, _message, _wire, _destination, _encoded);
    }

    [Benchmark(Baseline = true, Description = "Copy received octets (Span.CopyTo)")]
    [BenchmarkCategory("Decode")]
    public int CopyWire()
    {
        _wire.AsSpan().CopyTo(_destination);
        return _destination[_wire.Length - 1];
    }

    [Benchmark(Description = "MailDataDecoder")]
    [BenchmarkCategory("Decode")]
    public int Decode()
    {
        var decoder = new MailDataDecoder(MailDataDecoder.DefaultMaxLineLength);
        OperationStatus status = decoder.Decode(_wire, _destination, out int consumed, out int written);
        return (int)status + consumed + written;
    }

    [Benchmark(Description = "MailKit SmtpDataFilter(decode), no end search")]
    [BenchmarkCategory("Decode")]
    public int DecodeMailKit()
    {
        _mailKitDecoder.Reset();
        _mailKitDecoder.Filter(_wire, 0, _wire.Length, out int index, out int length);
        return index + length;
    }

    [Benchmark(Description = "SmtpServer TryFind end + unstuff, rebuilt")]
    [BenchmarkCategory("Decode")]
    public int DecodeSmtpServer() => SmtpServerDotBlock.Decode(_received, _destination);

    [Benchmark(Baseline = true, Description = "Copy message (Span.CopyTo)")]
    [BenchmarkCategory("Encode")]
    public int CopyMessage()
    {
        _message.AsSpan().CopyTo(_destination);
        return _destination[_message.Length - 1];
    }

    [Benchmark(Description = "MailDataEncoder")]
    [BenchmarkCategory("Encode")]
    public int Encode()
    {
        _encoded.ResetWrittenCount();
        var encoder = new MailDataEncoder();
        encoder.Encode(_message, _encoded);
        encoder.Complete(_encoded);
        return _encoded.WrittenCount;
    }

    [Benchmark(Description = "MailKit SmtpDataFilter(encode)")]
    [BenchmarkCategory("Encode")]
    public int EncodeMailKit()
    {
        _mailKitEncoder.Reset();
        _mailKitEncoder.Filter(_message, 0, _message.Length, out int index, out int length);
        return index + length;
    }

    internal byte[] MailKitFilter(bool decode, byte[] input)
    {
        SmtpDataFilter filter = decode ? _mailKitDecoder : _mailKitEncoder;
        filter.Reset();
        byte[] output = filter.Filter(input, 0, input.Length, out int index, out int length);
        return output.AsSpan(index, length).ToArray();
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GigabytesPerSecondColumn());
    }
}
