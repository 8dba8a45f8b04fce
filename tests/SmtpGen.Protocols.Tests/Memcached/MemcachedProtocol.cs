namespace SmtpGen.Protocols.Tests.Memcached;

/// <summary>
/// A subset of memcached's text protocol (memcached's <c>doc/protocol.txt</c>): a line protocol whose retrieval
/// commands take a list of keys, <c>get &lt;key&gt;*</c>, and whose replies start with a status word (<c>STORED</c>,
/// <c>NOT_FOUND</c>, <c>END</c>...). A key is up to 250 octets without control characters or whitespace. The data
/// block of <c>set</c> and of each <c>VALUE</c> reply, <c>&lt;bytes&gt;</c> octets and CRLF, follows its line and
/// is read by its length, outside the line grammar.
/// </summary>
[LineProtocol("memcached", Replies = ReplyForm.Status, MaxCommandLine = 2048)]
[Status("VALUE", ReplyOutcome.Positive)]
[Status("END", ReplyOutcome.Positive)]
[Status("STORED", ReplyOutcome.Positive)]
[Status("DELETED", ReplyOutcome.Positive)]
[Status("TOUCHED", ReplyOutcome.Positive)]
[Status("VERSION", ReplyOutcome.Positive)]
[Status("NOT_STORED", ReplyOutcome.Negative)]
[Status("NOT_FOUND", ReplyOutcome.Negative)]
[Status("ERROR", ReplyOutcome.Negative)]
[Status("CLIENT_ERROR", ReplyOutcome.Negative)]
[Status("SERVER_ERROR", ReplyOutcome.Negative)]
public static partial class MemcachedProtocol
{
    /// <summary>A connection is open until the client says <c>quit</c>, which the server closes without a reply.</summary>
    public enum State
    {
        Open,

        [FinalState]
        Closed,
    }

    /// <summary>The commands: retrieval with lists of keys, storage, deletion, touch, and the two without arguments.</summary>
    public enum Verb
    {
        /// <summary>One <c>VALUE</c> reply and its data block for each key found, then <c>END</c>.</summary>
        [Command("get {keys:Printable...}", In = [State.Open])]
        Get,

        /// <summary>As <c>get</c>, with each item's CAS unique on its <c>VALUE</c> line.</summary>
        [Command("gets {keys:Printable...}", In = [State.Open])]
        Gets,

        /// <summary>Get and touch: as <c>gets</c>, and each item found expires after <c>exptime</c>.</summary>
        [Command("gat {exptime:Number} {keys:Printable...}", In = [State.Open])]
        Gat,

        /// <summary>The data block, <c>bytes</c> octets and CRLF, follows the line; <c>STORED</c> or <c>NOT_STORED</c>.</summary>
        [Command("set {key:Printable} {flags:Number} {exptime:Number} {bytes:Number}", In = [State.Open])]
        Set,

        /// <summary><c>DELETED</c> or <c>NOT_FOUND</c>.</summary>
        [Command("delete {key:Printable}", In = [State.Open])]
        Delete,

        /// <summary><c>TOUCHED</c> or <c>NOT_FOUND</c>.</summary>
        [Command("touch {key:Printable} {exptime:Number}", In = [State.Open])]
        Touch,

        [Command("version", In = [State.Open])]
        Version,

        [Command("quit", In = [State.Open], Then = State.Closed)]
        Quit,
    }

    /// <summary>The replies; a <c>VALUE</c> line is followed by its data block.</summary>
    public enum Reply
    {
        [Reply("VALUE", "{key:Printable} {flags:Number} {bytes:Number}")]
        Value,

        /// <summary>A <c>VALUE</c> line of <c>gets</c> and <c>gat</c>, with the item's CAS unique.</summary>
        [Reply("VALUE", "{key:Printable} {flags:Number} {bytes:Number} {casUnique:Number}")]
        ValueWithCas,

        /// <summary>The end of a retrieval's items.</summary>
        [Reply("END", "")]
        End,

        [Reply("STORED", "")]
        Stored,

        [Reply("NOT_STORED", "")]
        NotStored,

        [Reply("DELETED", "")]
        Deleted,

        [Reply("TOUCHED", "")]
        Touched,

        [Reply("NOT_FOUND", "")]
        NotFound,

        [Reply("VERSION", "{version:Printable}")]
        ServerVersion,

        /// <summary>An unknown command.</summary>
        [Reply("ERROR", "")]
        Error,

        [Reply("CLIENT_ERROR", "{message:Text}")]
        ClientError,

        [Reply("SERVER_ERROR", "{message:Text}")]
        ServerError,
    }
}
