using SmtpGen.SessionMemory;

// What a session of the SMTP server costs in memory (benchmarks/README.md):
//   SmtpGen.SessionMemory [--sessions N]   starts the server in a child process, holds N sessions idle, in a transaction
//                                          and in DATA, then N that pipeline without reading, and prints what the server's
//                                          managed heap and working set grew by, per session
//   SmtpGen.SessionMemory server          the child: a server with a Maildir store that reports its memory on "measure"
return args switch
{
    [] => await SessionDriver.RunAsync(sessions: 1000),
    ["--sessions", string sessions] when int.TryParse(sessions, out int count) && count > 0 => await SessionDriver.RunAsync(count),
    ["server"] => await MeasuredServer.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SmtpGen.SessionMemory [--sessions N]");
    return 2;
}
