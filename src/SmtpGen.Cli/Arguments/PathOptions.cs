using System.CommandLine;

namespace SmtpGen.Cli;

/// <summary>Options that name a file or a folder, checked before anything connects or listens.</summary>
internal static class PathOptions
{
    /// <summary>What <see cref="MessageFile"/> takes for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>A folder to keep messages in: one that exists or can be made (not an existing file).</summary>
    public static Option<string> Folder(string name, string description, string defaultValue) =>
        CheckedOption.Create(
            name, "FOLDER", description, "a folder or a path to make one at",
            (string text, out string value) =>
            {
                value = text;
                return text.Length > 0 && !File.Exists(text) && text.IndexOfAny(Path.GetInvalidPathChars()) < 0;
            },
            () => defaultValue);

    /// <summary>A file to read a message from: one that exists, or <see cref="StandardInput"/>.</summary>
    public static Option<string> MessageFile(string name, string description) =>
        CheckedOption.Create(
            name, "FILE", description, $"a file that exists, or {StandardInput} for standard input",
            (string text, out string value) =>
            {
                value = text;
                return text == StandardInput || File.Exists(text);
            });

    /// <summary>A file to write: one in a folder that exists, not a folder itself (it is made, or written over).</summary>
    public static Option<string> NewFile(string name, string description) =>
        CheckedOption.Create(
            name, "FILE", description, "a file in a folder that exists",
            (string text, out string value) =>
            {
                value = text;
                return text.Length > 0 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0 && !Directory.Exists(text)
                    && Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(text)));
            });

    /// <summary>A file to read, which must exist.</summary>
    public static Option<string> ExistingFile(string name, string description) =>
        CheckedOption.Create(
            name, "FILE", description, "a file that exists",
            (string text, out string value) =>
            {
                value = text;
                return File.Exists(text);
            });
}
