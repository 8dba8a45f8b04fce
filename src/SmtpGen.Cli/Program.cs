using SmtpGen.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stop.Cancel();
};

return await Commands.RunAsync(args, Console.Out, Console.Error, stop.Token);
