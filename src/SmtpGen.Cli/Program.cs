using SmtpGen.Cli;

return args switch
{
    ["demo"] => DemoCommand.Run(Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: smtpgen demo");
    return 2;
}
