using System.Text.Json;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen load --json</c>'s report: one object on one line, every figure by its name, null where there is none, never NaN.</summary>
public sealed class LoadReportJsonTests
{
    private static readonly string[] Fields =
        ["messages", "size", "sent", "failed", "stoppedBy", "warmedUpWith", "warmupFailed", "errors", "durationSeconds", "messagesPerSecond", "megabytesPerSecond", "latencyMs"];

    [Fact]
    public void The_report_is_one_object_on_one_line_with_every_figure()
    {
        long[] latencies = [.. Enumerable.Range(1, 16).Select(milliseconds => TimeSpan.FromMilliseconds(milliseconds).Ticks)];
        var report = new LoadReport(20, 16, 200, TimeSpan.FromSeconds(2), latencies, new Dictionary<string, int> { ["451"] = 3, ["IOException"] = 1 });

        string text = Write(report);

        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument json = JsonDocument.Parse(text);
        JsonElement root = json.RootElement;
        Assert.Equal(Fields, root.EnumerateObject().Select(field => field.Name));
        Assert.Equal(20, root.GetProperty("messages").GetInt32());
        Assert.Equal(200, root.GetProperty("size").GetInt32());
        Assert.Equal(16, root.GetProperty("sent").GetInt32());
        Assert.Equal(4, root.GetProperty("failed").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stoppedBy").ValueKind);
        Assert.Equal(
            [("451", 3), ("IOException", 1)],
            root.GetProperty("errors").EnumerateObject().Select(error => (error.Name, error.Value.GetInt32())));
        Assert.Equal(2.0, root.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(8.0, root.GetProperty("messagesPerSecond").GetDouble());
        Assert.Equal(0.002, root.GetProperty("megabytesPerSecond").GetDouble());   // 8 × 200 octets a second, to the thousandth
        Assert.Equal(
            [("p50", 8.0), ("p90", 15.0), ("p99", 16.0), ("max", 16.0)],
            root.GetProperty("latencyMs").EnumerateObject().Select(point => (point.Name, point.Value.GetDouble())));
    }

    [Fact]
    public void When_no_message_was_sent_the_latencies_are_null_the_rates_0_and_nothing_is_NaN()
    {
        var report = new LoadReport(3, 0, 1024, TimeSpan.FromMilliseconds(12), [], new Dictionary<string, int> { ["550"] = 3 });

        string text = Write(report);

        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(text);
        JsonElement root = json.RootElement;
        Assert.Equal(Fields, root.EnumerateObject().Select(field => field.Name));
        Assert.Equal(0, root.GetProperty("sent").GetInt32());
        Assert.Equal(3, root.GetProperty("failed").GetInt32());
        Assert.Equal(0.0, root.GetProperty("messagesPerSecond").GetDouble());
        Assert.Equal(0.0, root.GetProperty("megabytesPerSecond").GetDouble());
        Assert.Equal(
            ["p50", "p90", "p99", "max"],
            root.GetProperty("latencyMs").EnumerateObject().Select(point => point.Name));
        Assert.All(root.GetProperty("latencyMs").EnumerateObject(), point => Assert.Equal(JsonValueKind.Null, point.Value.ValueKind));
    }

    [Fact]
    public void A_run_stopped_by_a_signal_names_it()
    {
        var report = new LoadReport(1000, 5, 128, TimeSpan.FromSeconds(1), [1, 2, 3, 4, 5], new Dictionary<string, int>()) { StoppedBy = "SIGTERM" };

        using JsonDocument json = JsonDocument.Parse(Write(report));

        Assert.Equal("SIGTERM", json.RootElement.GetProperty("stoppedBy").GetString());
        Assert.Equal(1000, json.RootElement.GetProperty("messages").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("sent").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt32());
    }

    private static string Write(LoadReport report)
    {
        var output = new StringWriter();
        LoadReportJson.Write(report, output);
        return output.ToString();
    }
}
