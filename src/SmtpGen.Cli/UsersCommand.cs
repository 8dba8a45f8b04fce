using System.CommandLine;
using SmtpGen.Server;
using SmtpGen.Smtp.Sasl;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen users add FILE NAME</c>: keeps a user's SCRAM-SHA-256 verifier, never the password, in the file <c>serve --users</c> reads.</summary>
internal sealed class UsersCommand : Command
{
    /// <param name="standardInput">Where the password is read from: its first line.</param>
    public UsersCommand(Stream standardInput)
        : base("users", "Manage the users that serve --users authenticates")
    {
        Subcommands.Add(new AddCommand(standardInput));
    }

    private sealed class AddCommand : Command
    {
        private readonly Argument<string> _file = new("FILE") { Description = "The users file (made when missing); one line a user, name and verifier" };
        private readonly Argument<string> _name = new("NAME") { Description = "The user's name, without ':'" };
        private readonly Option<int> _iterations = NumberOptions.WholeNumber(
            "--iterations", "COUNT", "PBKDF2 iterations of the verifier (RFC 7677: at least 4096); more is slower for an attacker and for each login", Scram.MinIterations, 10_000_000, () => Scram.MinIterations);
        private readonly Stream _standardInput;

        public AddCommand(Stream standardInput)
            : base("add", "Add a user, or give one a new password, read from the first line of standard input")
        {
            _standardInput = standardInput;
            Arguments.Add(_file);
            Arguments.Add(_name);
            Options.Add(_iterations);
            _name.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is { } name && (name.Length == 0 || name.AsSpan().IndexOfAny(":\r\n") >= 0))
                {
                    result.AddError($"NAME must be a user name without ':', not '{name}'");
                }
            });
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
        {
            using var input = new StreamReader(_standardInput, leaveOpen: true);
            string password = await input.ReadLineAsync(cancellationToken) is { Length: > 0 } line
                ? line
                : throw new InvalidOperationException("users add reads the password from the first line of standard input, and it is empty");
            string file = parsed.GetRequiredValue(_file);
            string name = parsed.GetRequiredValue(_name);
            int iterations = parsed.GetValue(_iterations);
            UserFile.Add(file, name, ScramCredential.Create(password, iterations));
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"smtpgen: {name} is in {file} (SCRAM-SHA-256, {iterations} iterations; the password is not kept)");
            return 0;
        }
    }
}
