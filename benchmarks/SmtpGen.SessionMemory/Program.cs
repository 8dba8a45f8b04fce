using SmtpGen.SessionMemory;

// What a session of the SMTP server costs in memory (benchmarks/README.md):
//   SmtpGen.SessionMemory [--sessions N]   starts the server in a child process, holds N sessions idle, in a transaction
//                                          and in DATA, then N that pipeline without reading, and prints what the server's
//                                          managed heap and working set grew by, per session
//   SmtpGen.SessionMemory --come-and-go --sessions N --waves W
//                                          runs smtpgen serve (built beside it) and prints its resident memory idle, with
//                                          N sessions that each send a message, W waves of them held open together, and
//                                          every 5 s for 30 s after they all closed
//   SmtpGen.SessionMemory server          the child: a server with a Maildir store that reports its memory on "measure"
return args switch
{
    [] => await SessionDriver.RunAsync(sessions: 1000),
    ["--sessions", string sessions] when int.TryParse(sessions, out int count) && count > 0 => await SessionDriver.RunAsync(count),
    ["--come-and-go", "--sessions", string sessions, "--waves", string waves] when int.TryParse(sessions, out int count) && count > 0 && int.TryParse(waves, out int waveCount) && waveCount > 0
        => await ComeAndGoDriver.RunAsync(count, waveCount),
    ["server"] => await MeasuredServer.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SmtpGen.SessionMemory [--sessions N] | --come-and-go --sessions N --waves W");
    return 2;
}
