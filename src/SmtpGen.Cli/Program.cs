using SmtpGen.Cli;

// Before anything else: the runtime reads these settings as it first needs them.
RuntimeSwitches.Apply(args);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    stop.Cancel();
};

await using Stream input = Console.OpenStandardInput();
return await Commands.RunAsync(args, input, Console.Out, Console.Error, stop.Token);
