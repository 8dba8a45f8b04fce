using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.LoadPeers;

/// <summary>
/// Creates the stream the JetStream comparison (benchmarks/e2e/nats.sh) loads, as an operator would with the <c>nats</c>
/// tool, which Debian does not ship: one subject, file storage, the replicas asked for; it waits while a new cluster elects
/// its JetStream leader.
/// </summary>
internal static class NatsStream
{
    public static async Task<int> CreateAsync(string url, string stream, string subject, int replicas)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url, Name = "smtpgen-e2e" });
        var context = new NatsJSContext(connection);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await context.CreateStreamAsync(new StreamConfig(stream, [subject]) { NumReplicas = replicas, Storage = StreamConfigStorage.File });
                return 0;
            }
            catch (Exception exception) when (exception is NatsJSApiException or NatsJSApiNoResponseException or NatsNoRespondersException && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }
}
