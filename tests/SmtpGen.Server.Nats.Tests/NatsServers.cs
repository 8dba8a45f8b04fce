using System.Diagnostics;
using SmtpGen.Interop.Tests.Peers;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// Real <c>nats-server</c> processes with JetStream on loopback (Debian's <c>nats-server</c>, which tests/run.sh installs):
/// one alone, or three in a JetStream cluster. A missing binary fails the test that needs it, naming the package.
/// </summary>
internal sealed class NatsServers : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nats-server";
    private readonly List<Node> _nodes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("smtpgen-nats-").FullName;

    private NatsServers()
    {
    }

    /// <summary>The client URLs of every node, as a NATS connection takes them (<c>nats://127.0.0.1:P1,nats://...</c>).</summary>
    public string Urls => string.Join(',', _nodes.Select(node => $"nats://127.0.0.1:{node.Port}"));

    /// <summary>The nodes, in the order they were started.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>Starts one JetStream server.</summary>
    public static Task<NatsServers> StartOneAsync() => StartAsync(1);

    /// <summary>Starts three JetStream servers routed to each other as one cluster.</summary>
    public static Task<NatsServers> StartClusterAsync() => StartAsync(3);

    private static async Task<NatsServers> StartAsync(int count)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install Debian's nats-server (tests/run.sh does)");
        var servers = new NatsServers();
        int[] clientPorts = [.. Enumerable.Range(0, count).Select(_ => Loopback.FreePort())];
        int[] routePorts = [.. Enumerable.Range(0, count).Select(_ => Loopback.FreePort())];
        for (int i = 0; i < count; i++)
        {
            List<string> arguments = ["-js", "-a", "127.0.0.1", "-p", clientPorts[i].ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", $"n{i}", "-sd", Path.Combine(servers._directory, $"n{i}")];
            if (count > 1)
            {
                arguments.AddRange(["--cluster_name", "smtpgen", "--cluster", $"nats://127.0.0.1:{routePorts[i]}",
                    "--routes", string.Join(',', routePorts.Where((_, j) => j != i).Select(port => $"nats://127.0.0.1:{port}"))]);
            }

            servers._nodes.Add(Node.Start(arguments, clientPorts[i]));
        }

        foreach (Node node in servers._nodes)
        {
            await Loopback.WaitUntilAcceptingAsync(node.Port, "nats-server", () => node.Process.HasExited, node.Output);
        }

        return servers;
    }

    /// <summary>Starts node <paramref name="index"/> again after its kill, on its port and with its store, and waits until it takes connections.</summary>
    public async Task RestartAsync(int index)
    {
        Node killed = _nodes[index];
        await killed.KillAsync();
        killed.Process.Dispose();
        Node again = Node.Start([.. killed.Arguments], killed.Port);
        _nodes[index] = again;
        await Loopback.WaitUntilAcceptingAsync(again.Port, "nats-server", () => again.Process.HasExited, again.Output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Node node in _nodes)
        {
            await node.KillAsync();
            node.Process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One <c>nats-server</c> process.</summary>
    internal sealed class Node
    {
        private readonly System.Text.StringBuilder _output = new();

        private Node(Process process, int port, IReadOnlyList<string> arguments)
        {
            Process = process;
            Port = port;
            Arguments = arguments;
        }

        public Process Process { get; }

        /// <summary>The command line it was started with, to start it again.</summary>
        public IReadOnlyList<string> Arguments { get; }

        public int Port { get; }

        public static Node Start(List<string> arguments, int port)
        {
            var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
            arguments.ForEach(start.ArgumentList.Add);
            var node = new Node(Process.Start(start)!, port, [.. arguments]);
            node.Process.ErrorDataReceived += (_, line) => { lock (node._output) { node._output.AppendLine(line.Data); } };
            node.Process.OutputDataReceived += (_, line) => { lock (node._output) { node._output.AppendLine(line.Data); } };
            node.Process.BeginErrorReadLine();
            node.Process.BeginOutputReadLine();
            return node;
        }

        /// <summary>What the server printed, for a failure's message.</summary>
        public string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        /// <summary>Kills it with SIGKILL, as a crash would, and waits until it is gone.</summary>
        public async Task KillAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                await Process.WaitForExitAsync();
            }
        }
    }
}
