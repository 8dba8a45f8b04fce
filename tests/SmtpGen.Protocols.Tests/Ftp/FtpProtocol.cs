namespace SmtpGen.Protocols.Tests.Ftp;

/// <summary>
/// A subset of the FTP control channel (RFC 959), defined with the same attributes as SMTP to show that the
/// generator knows nothing about SMTP: commands of §4.1 with the syntax of §5.3.1, the sequencing of §5.4,
/// the replies of §4.2.2, 1yz preliminary replies and §4.2's multi-line form (code on the first and last line
/// only, free text between).
/// </summary>
[LineProtocol("FTP", PreliminaryReplies = true, MultilineReplies = MultilineReplies.CodeOnFirstAndLastLine)]
public static partial class FtpProtocol
{
    /// <summary>Where an FTP control connection stands.</summary>
    public enum State
    {
        /// <summary>The server has said 220; nobody is logged in.</summary>
        Connected,

        /// <summary>USER was answered 331: the server waits for PASS.</summary>
        NeedPassword,

        /// <summary>A user is logged in (230).</summary>
        LoggedIn,

        /// <summary>A transfer command was answered 150 (or 125); its completion reply (226, 250, 425, 426, 451...) follows.</summary>
        Transferring,

        /// <summary>QUIT was answered 221.</summary>
        Closed,
    }

    /// <summary>The commands (RFC 959 §4.1, syntax §5.3.1).</summary>
    public enum Verb
    {
        /// <summary><c>USER &lt;SP&gt; &lt;username&gt;</c>; may come again at any time to change the user (§4.1.1).</summary>
        [Command("USER {username:Text}", In = [State.Connected, State.NeedPassword, State.LoggedIn],
            Intermediate = State.NeedPassword, Then = State.LoggedIn)]
        User,

        /// <summary><c>PASS &lt;SP&gt; &lt;password&gt;</c>, right after USER's 331.</summary>
        [Command("PASS {password:Text}", In = [State.NeedPassword], Then = State.LoggedIn)]
        Pass,

        /// <summary><c>CWD &lt;SP&gt; &lt;pathname&gt;</c>.</summary>
        [Command("CWD {path:Text}", In = [State.LoggedIn])]
        Cwd,

        /// <summary><c>PWD</c>.</summary>
        [Command("PWD", In = [State.LoggedIn])]
        Pwd,

        /// <summary><c>TYPE &lt;SP&gt; &lt;type-code&gt;</c>, e.g. <c>TYPE A N</c> or <c>TYPE I</c>.</summary>
        [Command("TYPE {typeCode:Atom}[ {formCode:Atom}]", In = [State.LoggedIn])]
        Type,

        /// <summary><c>PASV</c>.</summary>
        [Command("PASV", In = [State.LoggedIn])]
        Pasv,

        /// <summary><c>LIST [&lt;SP&gt; &lt;pathname&gt;]</c>: 150, then 226 over the data connection's end.</summary>
        [Command("LIST[ {path:Text}]", In = [State.LoggedIn], Intermediate = State.Transferring, Then = State.LoggedIn)]
        List,

        /// <summary><c>RETR &lt;SP&gt; &lt;pathname&gt;</c>.</summary>
        [Command("RETR {path:Text}", In = [State.LoggedIn], Intermediate = State.Transferring, Then = State.LoggedIn)]
        Retr,

        /// <summary><c>STOR &lt;SP&gt; &lt;pathname&gt;</c>.</summary>
        [Command("STOR {path:Text}", In = [State.LoggedIn], Intermediate = State.Transferring, Then = State.LoggedIn)]
        Stor,

        /// <summary><c>QUIT</c>.</summary>
        [Command("QUIT", In = [State.Connected, State.NeedPassword, State.LoggedIn], Then = State.Closed)]
        Quit,
    }

    /// <summary>Replies of RFC 959 §4.2.2, with its texts.</summary>
    public enum Reply
    {
        [Reply(120, "Service ready in nnn minutes.")]
        ServiceReadyLater,

        [Reply(125, "Data connection already open; transfer starting.")]
        DataConnectionAlreadyOpen,

        [Reply(150, "File status okay; about to open data connection.")]
        FileStatusOkay,

        [Reply(200, "Command okay.")]
        CommandOkay,

        [Reply(220, "Service ready for new user.")]
        ServiceReady,

        [Reply(221, "Service closing control connection.")]
        Closing,

        [Reply(226, "Closing data connection.")]
        ClosingDataConnection,

        [Reply(227, "Entering Passive Mode (192,0,2,1,4,1).")]
        EnteringPassiveMode,

        [Reply(230, "User logged in, proceed.")]
        LoggedIn,

        [Reply(250, "Requested file action okay, completed.")]
        FileActionOkay,

        [Reply(257, "\"/home/alice\" is the current directory.")]
        PathName,

        [Reply(331, "User name okay, need password.")]
        NeedPassword,

        [Reply(421, "Service not available, closing control connection.")]
        ServiceNotAvailable,

        [Reply(425, "Can't open data connection.")]
        CannotOpenDataConnection,

        [Reply(426, "Connection closed; transfer aborted.")]
        TransferAborted,

        [Reply(450, "Requested file action not taken.")]
        FileUnavailableBusy,

        [Reply(500, "Syntax error, command unrecognized.")]
        CommandUnrecognized,

        [Reply(501, "Syntax error in parameters or arguments.")]
        SyntaxErrorInArguments,

        [Reply(502, "Command not implemented.")]
        CommandNotImplemented,

        [Reply(503, "Bad sequence of commands.")]
        BadSequence,

        [Reply(530, "Not logged in.")]
        NotLoggedIn,

        [Reply(550, "Requested action not taken.")]
        FileUnavailable,

        /// <summary>RFC 3659 §4: SIZE's answer, the file's size in octets.</summary>
        [Reply(213, "{size:Octets}")]
        FileSize,
    }
}
