using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SmtpGen.Generators.Tests;

/// <summary>
/// One test per diagnostic: a definition with one mistake, its expected location marked <c>[|...|]</c>.
/// The generator must report exactly that diagnostic, there, and still generate every valid part: no error of the
/// compiler's comes from, or because of, generated code.
/// </summary>
public class DiagnosticTests
{
    private const string Header = """
        using SmtpGen;

        namespace Demo;

        """;

    /// <summary>A valid definition whose parts each case replaces.</summary>
    private static string Definition(
        string verbs = """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """,
        string states = "Start, Open, Closed",
        string replies = """[Reply(250, "OK")] Ok,""",
        string attribute = """LineProtocol("DEMO")""",
        string declaration = "public static partial class Demo",
        string? extensions = null) =>
        Header + $$"""
        [{{attribute}}]
        {{declaration}}
        {
            public enum State { {{states}} }

            public enum Verb
            {
                {{verbs}}
            }

            public enum Reply
            {
                {{replies}}
            }
        {{(extensions is null ? "" : "\n    public enum Extension\n    {\n        " + extensions + "\n    }\n")}}
        }
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "SMTPGEN001", Definition(declaration: "public partial class [|Demo|]") },
        { "SMTPGEN001", Definition(declaration: "public static class [|Demo|]") },
        { "SMTPGEN001", Definition(declaration: "file static partial class [|Demo|]") },
        { "SMTPGEN039", Header + """
            [LineProtocol("DEMO")]
            public static partial class Demo
            {
                public enum State { Start, [FinalState] Closed }

                internal enum [|Verb|] { [Command("QUIT", Then = State.Closed)] Quit }
            }
            """ },
        { "SMTPGEN040", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open = 1,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] [|Quit|] = 1,
            """) },
        { "SMTPGEN003", WithOpen("\"OPEN {mode:[|class=CLASS|]|Other=OTHER}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {mode:[|ToString=TS|]|Other=OTHER}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {[|equals|]:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Atom}] {b:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Atom}][ {b:Atom}]\"") },
        // The writer's line, read back, gives the first value what follows it: each refused by its own parser.
        { "SMTPGEN003", WithOpen("\"OPEN [|{t:Text}|] END\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{t:Text}|][ {b:Atom}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{key:Atom}|]={value:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[ [|{key:Atom}|]]=\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{size:Number}|]0\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{p:Parameters}|] END\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{p:Parameters}|] {b:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{p:Parameters}|][ {b:Atom}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Atom}] {b:Number}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Atom}] AS {b:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Domain}] {b:Mailbox}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{d:Domain}|]-x\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{d:Domain}|].x\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{m:Mailbox}|].x\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{d:Domain}|]-{e:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{o:OriginalRecipient}|]+41\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{p:Parameters}|] {mode:STREAM|BLOCK}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:Atom} {b:Atom}] {c:Atom} {d:Atom}\"") },
        // A choice in the group and a capture after it that may be written as one of its values (NNTP's LIST), or the
        // other way round, or two choices that share a value.
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{keyword:ACTIVE|NEWSGROUPS}][ {wildmat:Printable}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{keyword:Active=ACTIVE}][ {wildmat:Atom}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{wildmat:Atom}][ {keyword:ACTIVE|NEWSGROUPS}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{a:FULL|HDRS}][ {b:hdrs|NONE}]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[[| |]{keyword:ACTIVE|NEWSGROUPS}][ {other:Times=ACTIVE.TIMES|Overview=OVERVIEW.FMT}]\"") },
        { "SMTPGEN024", WithOpen("\"OPEN {names:Atom...}\"").Replace("public enum Reply", "public static void [|NamesList|]() { }\n\n    public enum Reply") },
        { "SMTPGEN042", Definition(attribute: """LineProtocol("DEMO", MaxReplyLine = 20)""", replies: """[[|Reply(250, "This reply is much longer than twenty octets")|]] Ok,""") },
        { "SMTPGEN042", Definition(attribute: """LineProtocol("DEMO", MaxReplyLine = 20)""", replies: """[[|Reply(250, "Hello {name:Atom}, and welcome")|]] Hello,""") },
        { "SMTPGEN042", Header + """
            [LineProtocol("BASE")]
            public static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }

                public enum Reply { [Reply(250, "This reply is much longer than twenty octets")] Long, [Reply(221, "Bye")] Bye }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base), [|MaxReplyLine = 20|])]
            public static partial class Derived
            {
            }
            """ },
        { "SMTPGEN047", Definition(attribute: """LineProtocol("DEMO", MaxCommandLine = 8)""", verbs: """
            [[|Command("LONGVERB {name:Atom}", In = [State.Start], Then = State.Open)|]] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        // The optional group is not counted: the shortest line of OPEN, "OPEN" and CRLF, fits 8 octets; that of "QUIT NOW" does not.
        { "SMTPGEN047", Definition(attribute: """LineProtocol("DEMO", MaxCommandLine = 8)""", verbs: """
            [Command("OPEN[ {name:Atom}]", In = [State.Start], Then = State.Open)] Open,
            [[|Command("QUIT NOW", In = [State.Start, State.Open], Then = State.Closed)|]] Quit,
            """) },
        { "SMTPGEN047", Header + """
            [LineProtocol("BASE")]
            public static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("GOODBYE", Then = State.Closed)] Goodbye }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base), [|MaxCommandLine = 8|])]
            public static partial class Derived
            {
            }
            """ },
        { "SMTPGEN024", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [[|Command("REPLY {name:Atom}", In = [State.Open])|]] Reply,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN041", Header + """
            [LineProtocol("DEMO")]
            public static partial class Demo
            {
                public enum State { Start, [FinalState] Closed }

                public enum [|@event|] { [Command("QUIT", Then = State.Closed)] Quit }
            }
            """ },
        { "SMTPGEN046", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [System.Obsolete("Going", true)] [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] [|Quit|],
            """) },
        { "SMTPGEN041", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] [|@default|],
            """) },
        { "SMTPGEN002", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command([|"open {other:Atom}"|], In = [State.Open])] Reopen,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN003", WithOpen("\"OPEN [|[|]{name:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{|]name:Atom\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {name:Atom}[|]|]\"") },
        { "SMTPGEN034", WithOpen("\"[|{tag:Atom}|] OPEN {name:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"[| |]OPEN {name:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {{{name:Number}}} x[| |]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {first:Atom}[|{second:Atom}|]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[ {a:Atom}[|[|] {b:Atom}]]\"") },
        { "SMTPGEN003", WithOpen("\"[|OPENSESAMEOPENSESA|] {name:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[|:|]{name:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[|[ NOW]|]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {[|class|]:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {[|line|]:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {[|Name|]:Atom}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN {name:Atom}[| |]\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[ {name:Atom}[| |]]\"") },
        { "SMTPGEN003", WithOpen("[|@\"OPEN {Name:Atom}\"|]") },
        { "SMTPGEN004", WithOpen("\"OPEN {name:[|Frobnicator|]}\"") },
        { "SMTPGEN004", WithOpen("\"OPEN {[|frobnicator|]}\"") },
        { "SMTPGEN005", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("NAME [|{name:Text}|]", In = [State.Open])] Name,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN006", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [[|Command("NOOP", In = [])|]] Noop,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN007", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], [|Then = (State)42|])] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN007", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("QUIT", [|In = [State.Start, Other.Elsewhere]|], Then = State.Closed)] Quit,
            """) + "\npublic enum Other { Elsewhere }\n" },
        { "SMTPGEN007", Definition(verbs: """
            [Command("OPEN {name:Atom}", [|In = [Other.Elsewhere]|], Then = State.Open)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) + "\npublic enum Other { Elsewhere }\n" },
        { "SMTPGEN008", Definition(states: "Start, Open, Closed, [|Orphan|]") },
        { "SMTPGEN008", Header + """
            public enum Shared { Start, Open, Orphan }

            [LineProtocol("SIDE", [|States = typeof(Shared)|])]
            public static partial class Side
            {
                public enum Verb { [Command("OPEN", In = [Shared.Start], Then = Shared.Open)] Open }
            }
            """ },
        { "SMTPGEN009", Definition(replies: """[[|Reply(600, "Too high")|]] TooHigh,""") },
        { "SMTPGEN009", Definition(replies: """[[|Reply(150, "Preliminary")|]] Preliminary,""") },
        { "SMTPGEN010", WithEnhancedCodes("""[[|Reply(250, "5.0.0", "OK")|]] Ok,""") },
        { "SMTPGEN010", WithEnhancedCodes("""[[|Reply(250, "2.0", "OK")|]] Ok,""") },
        { "SMTPGEN010", WithEnhancedCodes("""[[|Reply(250, "2.01.0", "OK")|]] Ok,""") },
        { "SMTPGEN010", Definition(replies: """[[|Reply(250, "2.0.0", "OK")|]] Ok,""") },
        { "SMTPGEN011", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [|Forgotten|],
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN012", Header + """
            [LineProtocol("DEMO")]
            public static partial class [|Demo|]
            {
                public enum State { Start }
            }
            """ },
        { "SMTPGEN013", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("RESET", In = [State.Open], Then = State.Start)]
            [Transition([|In = [State.Open]|])] Reset,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN014", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [[|Command("SEND", In = [State.Open], Intermediate = State.Start)|]] Send,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN015", Definition(replies: """[[|Reply(250, "")|]] Ok,""") },
        { "SMTPGEN015", Definition(replies: """[[|Reply(250, "two\r\nlines")|]] Ok,""") },
        { "SMTPGEN016", Definition(attribute: """LineProtocol("DEMO", [|MaxCommandLine = 4|])""") },
        { "SMTPGEN016", WithParameters("""[Extension("SIZE")] [Parameter("SIZE={size:Number}", Of = [Verb.Open], [|ExtendsLineBy = -1|])] Size,""") },
        { "SMTPGEN016", WithParameters("""[Extension("SIZE")] [Parameter("SIZE={size:Number}", Of = [Verb.Open], [|ExtendsLineBy = 65537|])] Size,""") },
        { "SMTPGEN016", WithParameters("""
            [Extension("ONE")] [Parameter("ONE={one:Atom}", Of = [Verb.Open], ExtendsLineBy = 40000)] One,
            [Extension("TWO")] [Parameter("TWO={two:Atom}", Of = [Verb.Open], [|ExtendsLineBy = 40000|])] Two,
            """) },
        { "SMTPGEN017", WithOpen("\"OPEN {name:Atom} [|{name:Atom}|]\"") },
        { "SMTPGEN018", Definition(
            states: "Start, Open, Closed, " + string.Join(", ", Enumerable.Range(0, 62).Select(i => "S" + i)),
            verbs: """
                [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """ + string.Concat(Enumerable.Range(0, 62).Select(i => $"\n[Command(\"V{i}\", In = [State.Open], Then = State.S{i})] V{i},")))
            .Replace("public enum State", "public enum [|State|]") },
        { "SMTPGEN019", Header + """
            [LineProtocol("DEMO")]
            public static partial class Demo
            {
                public enum State { Start, Closed }

                public enum Verb
                {
                    [Command("QUIT", In = [State.Start], Then = State.Closed)] Quit,
                }

                public enum [|MoreVerbs|]
                {
                    [Command("NOOP", In = [State.Start])] Noop,
                }
            }
            """ },
        { "SMTPGEN020", Definition(replies: """[Reply(250, "OK")] Ok, [|Silent|],""") },
        { "SMTPGEN021", Header + """
            [LineProtocol("DEMO")]
            public static partial class [|Demo|]
            {
                public enum Verb { [Command("QUIT")] Quit }
            }
            """ },
        { "SMTPGEN022", Definition(attribute: """LineProtocol("DEMO", [|Extends = typeof(string)|])""") },
        { "SMTPGEN023", Definition(attribute: """LineProtocol("DEMO", [|Removes = [Demo.Verb.Open]|])""") },
        { "SMTPGEN023", Extending("""
            public enum Added
            {
                [Command("LHLO {name:Atom}", [|Replaces = [Added.Lhlo]|])] Lhlo,
            }
            """) },
        { "SMTPGEN024", Definition(declaration: "public static partial class [|Command|]") },
        { "SMTPGEN024", Definition(declaration: "public static partial class Demo").Replace("public enum Reply", "public static string [|GetVerbName|]() => \"\";\n\n    public enum Reply") },
        { "SMTPGEN049", Definition(attribute: """LineProtocol("DEMO", PreliminaryReplies = true, [|InformativeReplies = true|])""") },
        // Over a base's setting, the one the extending definition sets is the one refused.
        { "SMTPGEN049", Header + """
            [LineProtocol("BASE", InformativeReplies = true)]
            public static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }

                public enum Reply { [Reply(101, "List follows")] List }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base), [|PreliminaryReplies = true|])]
            public static partial class Derived
            {
            }
            """ },
        { "SMTPGEN024", Definition(replies: """[Reply(250, "Hello {name:Atom}")] Hello,""").Replace("public enum Reply", "public static void [|TryReadHelloReply|]() { }\n\n    public enum Reply") },
        { "SMTPGEN024", Definition(declaration: "public static partial class Demo") .Replace("public enum Reply", "public static void [|Next|]() { }\n\n    public enum Reply") },
        { "SMTPGEN024", Definition(declaration: "public static partial class Demo") .Replace("public enum Reply", "public static void [|WriteOpen|]() { }\n\n    public enum Reply") },
        { "SMTPGEN024", WithParameters("""[Extension("SIZE")] [Parameter("SIZE={size:Number}", Of = [Verb.Open], ExtendsLineBy = 26)] Size,""")
            .Replace("public enum Reply", "public const int [|MaxOpenLine|] = 0;\n\n    public enum Reply") },
        { "SMTPGEN024", Extending("public enum [|Verb|] { [Command(\"LHLO {name:Atom}\")] Lhlo }") },
        { "SMTPGEN025", WithOpen("\"OPEN [|{hasNote:Atom}|][ {note:Atom}]\"") },
        { "SMTPGEN026", WithOpen("\"OPEN {name:Atom}[ [|{flag:Demo.Marker}|]]\"") + MarkerKind },
        { "SMTPGEN027", Extending("public enum Added { [|Ready|] }") },
        { "SMTPGEN028", Definition(extensions: """[Extension("PIPELINING")] Pipelining, [|Lonely|],""") },
        { "SMTPGEN029", Definition(extensions: """[Extension("SIZE")] [Parameter("SIZE={size:Number}", [|Of = [Verb.Quit]|])] Size,""") },
        { "SMTPGEN030", WithParameters("""
            [Extension("ONE")] [Parameter("X", Of = [Verb.Open])] One,
            [Extension("TWO")] [Parameter([|"X={x:Atom}"|], Of = [Verb.Open])] Two,
            """) },
        { "SMTPGEN031", Definition(
            verbs: """
                [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open, [|Extension = State.Start|])] Open,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """,
            extensions: """[Extension("PIPELINING")] Pipelining,""") },
        { "SMTPGEN032", Definition(extensions: """[Extension("BIG")] [|Big|] = 64,""") },
        { "SMTPGEN033", Extending("""public enum Added { [Command("PING", [|In = [State.Ready]|])] Ping }""") },
        { "SMTPGEN033", Extending("""public enum Added { [Command("PING", In = [Base.State.Ready], [|Then = State.Start|])] Ping }""") },
        { "SMTPGEN022", Definition(attribute: """LineProtocol("DEMO", [|Extends = typeof(Demo)|])""") },
        { "SMTPGEN006", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("RESET", In = [State.Open], Then = State.Start)]
            [[|Transition(Then = State.Start)|]] Reset,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN029", WithParameters("""[Extension("MIME")] [[|Parameter("BODY={body:SEVEN|EIGHT}")|]] Mime,""") },
        { "SMTPGEN030", Definition(
            verbs: """
                [Command("OPEN {name:Atom}[ {options:Parameters}]", In = [State.Start], Then = State.Open)] Open,
                [Command("SEND {note:Atom}[ {options:Parameters}]", In = [State.Open])] Send,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """,
            extensions: """
                [Extension("ONE")] [Parameter("BODY={body:SEVEN|EIGHT}", Of = [Verb.Open])] One,
                [Extension("TWO")] [Parameter([|"KIND={body:NINE|TEN}"|], Of = [Verb.Send])] Two,
                """) },
        { "SMTPGEN003", Definition(extensions: """[Extension("SIZE [|{code:Number}|]")] Size,""") },
        { "SMTPGEN003", WithOpen("\"OPEN[|[|]{name:Atom}]\"") },
        { "SMTPGEN009", Definition(replies: """[[|Reply(260, "Odd")|]] Odd,""") },
        { "SMTPGEN035", Definition(attribute: """LineProtocol("DEMO")] [[|Status("+OK", ReplyOutcome.Positive)|]""") },
        { "SMTPGEN035", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)] [[|Status("+ok", ReplyOutcome.Negative)|]""", replies: """[Reply("+OK", "Fine")] Ok,""") },
        { "SMTPGEN035", Header + """
            [[|LineProtocol("DEMO", Replies = ReplyForm.Status)|]]
            public static partial class Demo
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }
            }
            """ },
        { "SMTPGEN036", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)""", replies: """[[|Reply(250, "OK")|]] Ok,""") },
        { "SMTPGEN036", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)""", replies: """[[|Reply((string)null, "OK")|]] Ok,""") },
        { "SMTPGEN035", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)] [[|Status(null, ReplyOutcome.Negative)|]""", replies: """[Reply("+OK", "Fine")] Ok,""") },
        // The only token written is refused: that is said, not also that none is declared.
        { "SMTPGEN035", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [[|Status(null, ReplyOutcome.Negative)|]""", replies: "") },
        { "SMTPGEN044", Definition(attribute: """LineProtocol("DEMO", [|Replies = (ReplyForm)9|])""") },
        { "SMTPGEN044", Definition(attribute: """LineProtocol("DEMO", [|MultilineReplies = (MultilineReplies)9|])""") },
        { "SMTPGEN044", WithOpen("\"OPEN {name:Atom}\", [|Body = (ResponseBody)42|]") },
        { "SMTPGEN036", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)""", replies: """[[|Reply("-ERR", "No")|]] No,""") },
        { "SMTPGEN036", Definition(replies: """[[|Reply("+OK", "Fine")|]] Ok,""") },
        { "SMTPGEN036", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.None)""", replies: """[[|Reply(250, "OK")|]] Ok,""") },
        { "SMTPGEN048", Definition(verbs: """
            [Command("OPEN {name:Atom}[ {mode:Atom}]", In = [State.Start], Then = State.Open, [|ThenOnlyWith = "name"|])] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN048", Definition(verbs: """
            [Command("OPEN[ {name:Atom}]", In = [State.Start], Intermediate = State.Open, Then = State.Closed, [|ThenOnlyWith = "name"|])] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN048", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open, [|ThenOnlyWith = "last"|])] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN037", Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open, [|Body = ResponseBody.DotTerminatedWithoutArguments|])] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN037", Definition(verbs: """
            [Command("OPEN[ {name:Atom}]", In = [State.Start], Then = State.Open)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed, [|Body = ResponseBody.DotTerminatedWithoutArguments|])] Quit,
            """) },
        { "SMTPGEN037", Header + """
            [LineProtocol("DEMO", Replies = ReplyForm.None)]
            public static partial class Demo
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed, [|Body = ResponseBody.DotTerminated|])] Quit }
            }
            """ },
        { "SMTPGEN035", Definition(attribute: """LineProtocol("DEMO", Replies = ReplyForm.Status)] [Status("+OK", ReplyOutcome.Positive)] [[|Status("-ERR", (ReplyOutcome)7)|]""", replies: """[Reply("+OK", "Fine")] Ok,""") },
        { "SMTPGEN022", Header + """
            [LineProtocol("BASE")]
            public static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }

                public enum Reply { [Reply(221, "Bye")] Bye }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base), [|Replies = ReplyForm.Status|])]
            public static partial class Derived
            {
            }
            """ },
        { "SMTPGEN038", Header + """
            [LineProtocol("POP", Replies = ReplyForm.Status)]
            [Status("+OK", ReplyOutcome.Positive)]
            public static partial class Pop
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }

                public enum Extension { [[|Extension("TOP")|]] Top }
            }
            """ },
        { "SMTPGEN037", Header + """
            [LineProtocol("BASE", Replies = ReplyForm.Status)]
            [Status("+OK", ReplyOutcome.Positive)]
            public static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb
                {
                    [Command("LIST[ {message:Number}]", Body = ResponseBody.DotTerminatedWithoutArguments)] List,
                    [Command("QUIT", Then = State.Closed)] Quit,
                }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base))]
            public static partial class Derived
            {
                public enum Added { [Command("LISTX {message:Number}", [|Replaces = [Base.Verb.List]|])] ListExact }
            }
            """ },
        { "SMTPGEN003", WithOpen("\"OPEN {name:[|ONE|TWO|One=1|]}\"") },
        { "SMTPGEN003", WithOpen("\"OPEN [|{names:Atom...}|] NOW\"") },
        { "SMTPGEN003", WithOpen("\"OPEN[ [|{names:Atom...}|]] NOW\"") },
        { "SMTPGEN003", Definition(extensions: """[Extension("AUTH [|{mechanisms:Parameters...}|]")] Auth,""") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "Hello [|{names:Atom...}|]")] Hello,""") },
        { "SMTPGEN005", Definition(verbs: """
            [Command("OPEN {names:Atom...}", In = [State.Start], Then = State.Open)] Open,
            [Command("NAME [|{names:Number...}|]", In = [State.Open])] Name,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN005", Definition(verbs: """
            [Command("OPEN {names:Atom...}", In = [State.Start], Then = State.Open)] Open,
            [Command("NAME [|{names:Atom}|]", In = [State.Open])] Name,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN003", Definition(extensions: """[Extension("FOO [|{capabilities:Number}|]")] Foo,""") },
        { "SMTPGEN003", Definition(extensions: """[Extension("FOO {[|equals|]:Number}")] Foo,""") },
        { "SMTPGEN003", Definition(extensions: """[Extension("FOO[ {bar:Number}] X[|{hasBar:Number}|]")] Foo,""") },
        { "SMTPGEN003", WithParameters("""[Extension("X")] [Parameter([|"X={openParameters:Number}"|], Of = [Verb.Open])] X,""") },
        { "SMTPGEN003", WithParameters("""[Extension("RET")] [Parameter("RET={ret:[|A=FULL|A=HDRS|]}", Of = [Verb.Open])] Ret,""") },
        { "SMTPGEN003", WithParameters("""[Extension("RET")] [Parameter("RET={ret:[|RetValues=FULL|Hdrs=HDRS|]}", Of = [Verb.Open])] Ret,""") },
        { "SMTPGEN002", Definition(extensions: """[Extension("PIPELINING")] Pipelining, [Extension([|"pipelining"|])] Pipe2,""") },
        { "SMTPGEN013", Header + """
            [LineProtocol("BASE")]
            public static partial class Base
            {
                public enum State { Start, Ready, [FinalState] Closed }

                public enum Verb
                {
                    [Command("HELLO {name:Atom}", Then = State.Ready)] Hello,
                    [Command("RESET", In = [State.Ready], Then = State.Ready)]
                    [Transition(In = [State.Start])] Reset,
                    [Command("QUIT", Then = State.Closed)] Quit,
                }
            }

            [LineProtocol("DERIVED", Extends = typeof(Base))]
            public static partial class Derived
            {
                public enum Added
                {
                    [Command("XRESET", [|In = [Base.State.Start]|], Replaces = [Base.Verb.Reset])] Xreset,
                }
            }
            """ },
        { "SMTPGEN003", WithOpen("\"OPEN {name:ONE|[|2|]}\"") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "Hello {name:[|ONE|TWO|]}")] Hello,""") },
        // A reply's reader reads what its writer wrote: no capture followed by text it would take (NNTP's try).
        { "SMTPGEN003", Definition(replies: """[Reply(211, "{count:Number} ([|{text:Text}|])")] GroupSelected,""") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "[|{key:Atom}|]={value:Atom}")] Pair,""") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "Willkommen [|{name:Atom}|]…")] Welcome,""") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "Message «[|{id:Printable}|]» accepted")] Accepted,""") },
        { "SMTPGEN005", Definition(verbs: """
            [Command("OPEN {mode:ONE|TWO}", In = [State.Start], Then = State.Open)] Open,
            [Command("NAME [|{mode:ONE|THREE}|]", In = [State.Open])] Name,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """) },
        { "SMTPGEN030", Definition(
            verbs: """
                [Command("OPEN {body:A|B}[ {options:Parameters}]", In = [State.Start], Then = State.Open)] Open,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """,
            extensions: """[Extension("MIME")] [Parameter([|"BODY={body:SEVEN|EIGHT}"|], Of = [Verb.Open])] Mime,""") },
        { "SMTPGEN003", Definition(extensions: """[Extension("SIZE [|{|]max:Number")] Size,""") },
        { "SMTPGEN003", WithParameters("""[Extension("MIME")] [Parameter("BODY={body:SEVEN|[|8BITMIME|]}", Of = [Verb.Open])] Mime,""") },
        { "SMTPGEN003", WithParameters("""[Extension("MIME")] [Parameter("BODY[|:x|]", Of = [Verb.Open])] Mime,""") },
        { "SMTPGEN003", Definition(replies: """[Reply(250, "Hello [|{|]name")] Hello,""") },
        { "SMTPGEN004", Definition(replies: """[Reply(250, "Hello {[|name|]}")] Hello,""") },
        { "SMTPGEN027", Extending("public enum Added { [Command(\"LHLO {name:Atom}\")] [|Hello|] }") },
    };

    /// <summary>A definition whose OPEN carries parameters, with <paramref name="extensions"/>.</summary>
    private static string WithParameters(string extensions) => Definition(
        verbs: """
            [Command("OPEN {name:Atom}[ {options:Parameters}]", In = [State.Start], Then = State.Open)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """,
        extensions: extensions);

    /// <summary>A definition extending <c>Base</c> (declared beside it) with <paramref name="members"/>.</summary>
    private static string Extending(string members) => Header + $$"""
        [LineProtocol("BASE")]
        public static partial class Base
        {
            public enum State { Start, Ready, [FinalState] Closed }

            public enum Verb
            {
                [Command("HELLO {name:Atom}", Then = State.Ready)] Hello,
                [Command("QUIT", Then = State.Closed)] Quit,
            }
        }

        [LineProtocol("DERIVED", Extends = typeof(Base))]
        public static partial class Derived
        {
            {{members}}
        }
        """;

    /// <summary>A capture kind of the user's whose value is a ref struct without <c>IsEmpty</c>.</summary>
    private const string MarkerKind = """

        public ref struct Mark
        {
            public int Length;
        }

        public static class Marker
        {
            public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out Mark value)
            {
                value = default;
                return false;
            }

            public static bool TryWrite(System.Span<byte> destination, Mark value, out int written)
            {
                written = 0;
                return true;
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_mistake_at_its_place(string id, string markedSource)
    {
        (string source, TextSpan expected) = Unmark(markedSource);
        CSharpCompilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id.StartsWith("SMTPGEN", StringComparison.Ordinal));
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource, "the diagnostic must point into the definition's source");
        Assert.Equal(source[expected.Start..expected.End], source[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(HelpLink(id), diagnostic.Descriptor.HelpLinkUri);
        Assert.Empty(NewErrors(input, output));
    }

    /// <summary>
    /// Where a diagnostic's help link must lead: its section of <c>docs/diagnostics.md</c> on the main branch, at the
    /// address <c>Directory.Build.props</c> gives the repository (the generator repeats it, not reading MSBuild).
    /// </summary>
    private static string HelpLink(string id)
    {
        string repository = XDocument.Parse(GeneratorHarness.RepositoryFile("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
        Assert.Contains($"\n## {id}\n", GeneratorHarness.RepositoryFile("docs/diagnostics.md").ReplaceLineEndings("\n"), StringComparison.Ordinal);
        return $"{repository}/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}";
    }

    [Fact]
    public void A_definition_with_a_mistake_still_generates_its_valid_commands()
    {
        string source = WithOpen("\"OPEN {name:Frobnicator}\"") + """

            public static class Caller
            {
                public static void Call(System.Buffers.IBufferWriter<byte> output)
                {
                    Demo.WriteQuit(output);
                    _ = Demo.IsAllowed(Demo.State.Start, Demo.Verb.Quit);
                    _ = Demo.TryParseCommand("QUIT\r\n"u8, out Demo.Command command);
                }
            }
            """;
        CSharpCompilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Equal("SMTPGEN004", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(NewErrors(input, output));
        Assert.DoesNotContain("WriteOpen", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Writers.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_the_compiler_cannot_bind_is_the_compilers_error_alone()
    {
        string source = Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Nope)] Open,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """);
        CSharpCompilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["CS0117"], output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct());
    }

    [Fact]
    public void Hostile_names_compile()
    {
        string source = Header + """
            [LineProtocol("HOSTILE")]
            public static partial class Verb
            {
                public enum States { Start, Open, [FinalState] Closed }

                public enum Commands
                {
                    [Command("SEND {msg:Atom}[ {msgValue:Number}]", In = [States.Start], Then = States.Open)] Replies,
                    [Command("NOTE {state:Atom}[ {note:Number}][ AS {hasNot:Atom}]")] State,
                    [Command("QUIT", Then = States.Closed)] Next2,
                }

                public enum Replies { [Reply(250, "OK")] Ok, [Reply(500, "No")] Command2 }
            }
            """;
        CSharpCompilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("OPEN[ {keyword:ACTIVE|NEWSGROUPS}][ {count:Number}]")]
    [InlineData("OPEN[ {count:Number}][ {keyword:ACTIVE|NEWSGROUPS}]")]
    [InlineData("OPEN[ {a:FULL|HDRS}][ {b:NONE|SOME}]")]
    public void Optional_groups_whose_values_cannot_be_read_alike_are_accepted(string pattern)
    {
        CSharpCompilation input = GeneratorHarness.Compile(WithOpen($"\"{pattern}\""));
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(NewErrors(input, output));
    }

    [Theory]
    [InlineData("a keyword in the namespace")]
    [InlineData("obsolete members")]
    [InlineData("line separators in texts")]
    [InlineData("XML's own characters in a choice")]
    [InlineData("a capture named as the extension enum")]
    [InlineData("an empty reply enum beside the states")]
    [InlineData("a reply's capture named reply")]
    [InlineData("a reply's text beyond ASCII")]
    public void A_definition_at_the_edges_generates_code_that_compiles_without_a_warning(string edge)
    {
        string definition = """
            [LineProtocol("DEMO")]
            public static partial class Demo
            {
                public enum State { Start, Open, [FinalState] Closed }

                public enum Verb
                {
                    [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
                    [Command("QUIT", Then = State.Closed)] Quit,
                }

                public enum Reply { [Reply(250, "OK")] Ok }
            }
            """;
        string source = "using SmtpGen;\n\n" + edge switch
        {
            "a keyword in the namespace" => "namespace Acme.@event;\n\n" + definition,
            "obsolete members" => "namespace Demo;\n\n" + definition
                .Replace("Start, Open,", "Start, [System.Obsolete] Open,")
                .Replace("[Command(\"QUIT\"", "[System.Obsolete(\"QUIT is going\")] [Command(\"QUIT\"")
                .Replace("[Reply(250", "[System.Obsolete] [Reply(250"),
            "line separators in texts" => "namespace Demo;\n\n" + definition
                .Replace("LineProtocol(\"DEMO\")", "LineProtocol(\"DE\\u2028MO\")")
                .Replace("\"OK\"", "\"OK\\u2028then\\u2029more\\u0085\""),
            "an empty reply enum beside the states" => "namespace Demo;\n\n" + definition.Replace("public enum Reply { [Reply(250, \"OK\")] Ok }", "public enum Reply { }"),
            "a reply's capture named reply" => "namespace Demo;\n\n" + definition.Replace("[Reply(250, \"OK\")] Ok", "[Reply(250, \"Forwarded to {reply:Atom}\")] Forwarded"),
            "a reply's text beyond ASCII" => "namespace Demo;\n\n" + definition.Replace("[Reply(250, \"OK\")] Ok", "[Reply(250, \"Grüße an {name:Atom}\")] Greeting"),
            "XML's own characters in a choice" => "namespace Demo;\n\n" + definition.Replace("OPEN {name:Atom}", "OPEN {op:Lt=<|Gt=>}"),
            _ => "namespace Demo;\n\n" + definition.Replace(
                "public enum Reply { [Reply(250, \"OK\")] Ok }",
                "public enum Reply { [Reply(250, \"OK\")] Ok }\n\n    public enum Extension { [Extension(\"X0 {extension:Number}\")] X0 }"),
        };
        CSharpCompilation input = GeneratorHarness.Compile(source);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input, GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose));

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedTrees);
        // In generated files (the user's own class left without XML documentation is the user's: CS1591).
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"
            && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true));
    }

    /// <summary>The compiler's errors after generation that it did not report before: errors in or caused by generated code.</summary>
    private static IEnumerable<Diagnostic> NewErrors(Compilation input, Compilation output)
    {
        HashSet<string> before = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToHashSet();
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(d.ToString()));
    }

    [Fact]
    public void Every_descriptor_has_a_case()
    {
        // SMTPGEN043 needs two definitions, and SMTPGEN045 a compilation of another C#: their own tests are below.
        IEnumerable<string> covered = Cases.Select(row => (string)row[0]).Distinct().Append("SMTPGEN043").Append("SMTPGEN045");
        IEnumerable<string> declared = typeof(LineProtocolGenerator).Assembly
            .GetType("SmtpGen.Generators.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);

        Assert.Equal(declared.Order(), covered.Order());
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/diagnostics.md")]
    [InlineData("docs/definition-language.md")]
    public void The_docs_give_the_range_of_ids_up_to_the_last_diagnostic(string document)
    {
        string last = typeof(LineProtocolGenerator).Assembly
            .GetType("SmtpGen.Generators.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).Max()!;
        System.Text.RegularExpressions.Match range = System.Text.RegularExpressions.Regex.Match(
            GeneratorHarness.RepositoryFile(document), "`SMTPGEN001`(?: to |…)`(SMTPGEN[0-9]{3})`");

        Assert.True(range.Success, $"{document} gives no range of ids");
        Assert.Equal(last, range.Groups[1].Value);
    }

    [Theory]
    [InlineData("""[Command("OPEN {name:Atom}", In = null, Then = State.Open)] Open,""")]
    [InlineData("""[Command(In = [State.Start])] Open,""")]
    [InlineData("""[Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open, [Command("QUIT", In = [State.Start], Then = "Closed")] Quit,""")]
    public void A_malformed_attribute_never_makes_the_generator_throw(string verbs)
    {
        string source = Definition(verbs: verbs, replies: """[Reply("250", "OK")] Ok, [Reply] Bad,""", attribute: """LineProtocol(MaxCommandLine = "x")""");
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Null(result.Results.Single().Exception);
    }

    private const string SpanWriter = """
        public static bool TryWrite(System.Span<byte> destination, System.ReadOnlySpan<byte> value, out int written) =>
            SmtpGen.Captures.Atom.TryWrite(destination, value, out written);
        """;

    /// <summary>The writer capture kinds had before writers built whole lines in one span: no longer enough.</summary>
    private const string BufferWriter = """
        public static void Write(System.Buffers.IBufferWriter<byte> output, System.ReadOnlySpan<byte> value) =>
            SmtpGen.Captures.Atom.Write(output, value);
        """;

    [Theory]
    [InlineData("scoped ref int position", SpanWriter, null)]
    [InlineData("ref int position", SpanWriter, " 'Shout.TryScan' takes 'ref int', not 'scoped ref int'.")]
    [InlineData("scoped ref int position", BufferWriter, " 'Shout' has no static bool TryWrite(Span<byte>, System.ReadOnlySpan<byte>, out int) that the definition's assembly can call, for the value its TryScan gives.")]
    public void A_capture_kind_of_the_users_own_is_found_by_its_full_name(string cursor, string writer, string? refusal)
    {
        string kind = $$"""

            namespace Demo.Kinds;

            public static class Shout
            {
                public static bool TryScan(System.ReadOnlySpan<byte> content, {{cursor}}, out System.ReadOnlySpan<byte> value) =>
                    SmtpGen.Captures.Atom.TryScan(content, ref position, out value);

            {{writer}}
            }
            """;
        (string source, _) = Unmark(WithOpen("[|\"OPEN {name:Demo.Kinds.Shout}\"|]"));
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, kind));

        if (refusal is not null)
        {
            Diagnostic unknown = Assert.Single(result.Diagnostics);
            Assert.Equal("SMTPGEN004", unknown.Id);
            Assert.EndsWith("T not nullable." + refusal, unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(result.Diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
            Assert.Contains("global::Demo.Kinds.Shout.TryScan(content, ref position, out name)", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Commands.g.cs"], StringComparison.Ordinal);
            // Its span is kept as a range of the line, which the parse refuses when it is not a slice: documented.
            Assert.Contains("<exception cref=\"global::System.ArgumentException\">A capture kind of the definition's own", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Commands.g.cs"], StringComparison.Ordinal);
            Assert.Contains("global::Demo.Kinds.Shout.TryWrite(line.Free, name, out written)", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Writers.g.cs"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_kind_of_the_users_own_named_without_its_namespace_is_told_its_full_name()
    {
        const string kind = """

            namespace Demo.Kinds;

            public static class Shout
            {
                public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out System.ReadOnlySpan<byte> value) =>
                    SmtpGen.Captures.Atom.TryScan(content, ref position, out value);

                public static bool TryWrite(System.Span<byte> destination, System.ReadOnlySpan<byte> value, out int written) =>
                    SmtpGen.Captures.Atom.TryWrite(destination, value, out written);
            }
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(WithOpen("\"OPEN {name:Shout}\""), kind));

        Diagnostic unknown = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN004", unknown.Id);
        Assert.EndsWith(" Did you mean 'Demo.Kinds.Shout'? A kind of your own is named by its full name.", unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_commands_with_ThenOnlyWith_each_keep_the_state_without_their_capture()
    {
        string source = Definition(verbs: """
            [Command("OPEN {name:Atom}[ {mode:Atom}]", In = [State.Start], Then = State.Open, ThenOnlyWith = "mode")] Open,
            [Command("SEND[ {last:Atom}]", In = [State.Open], Then = State.Start, ThenOnlyWith = "last")] Send,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """);
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(
            "outcome == global::SmtpGen.ReplyOutcome.Positive && ((command.Verb == Verb.Open && !command.HasMode) || (command.Verb == Verb.Send && !command.HasLast)) ? state",
            GeneratorHarness.GeneratedSources(result)["Demo.Demo.StateMachine.g.cs"],
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paramName", "global::Demo.Kinds.Shout.TryWrite(line.Free, name, out written, nameof(name))")]
    [InlineData("quote", "global::Demo.Kinds.Shout.TryWrite(line.Free, name, out written)")]
    public void A_users_kind_is_given_the_writers_parameter_name_only_by_an_overload_that_asks_for_it(string fourth, string call)
    {
        string kind = $$"""

            namespace Demo.Kinds;

            public static class Shout
            {
                public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out System.ReadOnlySpan<byte> value) =>
                    SmtpGen.Captures.Atom.TryScan(content, ref position, out value);

            {{SpanWriter}}

                public static bool TryWrite(System.Span<byte> destination, System.ReadOnlySpan<byte> value, out int written, string {{fourth}}) =>
                    SmtpGen.Captures.Atom.TryWrite(destination, value, out written, {{fourth}});
            }
            """;
        (string source, _) = Unmark(WithOpen("[|\"OPEN {name:Demo.Kinds.Shout}\"|]"));
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, kind));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(call + ", written);", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Writers.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Extending_a_definition_that_another_assembly_keeps_internal_says_it_cannot_be_seen()
    {
        string @base = Header + """
            [LineProtocol("BASE")]
            internal static partial class Base
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }
            }
            """;
        (_, Compilation built) = GeneratorHarness.Run(GeneratorHarness.Compile(@base).WithAssemblyName("BaseDefinitions"));
        using var image = new MemoryStream();
        Assert.True(built.Emit(image).Success);
        string derived = """
            using SmtpGen;

            namespace Other;

            [LineProtocol("DERIVED", Extends = typeof(Demo.Base))]
            public static partial class Derived
            {
            }
            """;

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile([derived], [MetadataReference.CreateFromImage(image.ToArray())]));

        Diagnostic refusal = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN022", refusal.Id);
        Assert.Contains("it cannot be seen from this assembly", refusal.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Mistakes whose message says more than the diagnostic's title: each definition, and the message it must get.</summary>
    public static TheoryData<string, string> Messages => new()
    {
        {
            Definition(verbs: """
                [Command("OPEN {name:Atom}[ {mode:Atom}]", In = [State.Start], Then = State.Open, ThenOnlyWith = "name")] Open,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """),
            "ThenOnlyWith = \"name\" cannot apply to 'OPEN {name:Atom}[ {mode:Atom}]': it names no optional capture of the pattern (mode)"
        },
        {
            Definition(verbs: """
                [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open, ThenOnlyWith = "last")] Open,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """),
            "ThenOnlyWith = \"last\" cannot apply to 'OPEN {name:Atom}': it names no optional capture of the pattern (it has none)"
        },
        {
            Definition(attribute: """LineProtocol("DEMO", MaxCommandLine = 12)""", verbs: """
                [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
                [Command("QUIT FOR GOOD", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """),
            "The command 'Quit' makes a line of at least 15 octets (its verb and literal text, CRLF included), and its lines are at most 12 (MaxCommandLine): shorten its verb or pattern, or raise the limit"
        },
        {
            Definition(attribute: """LineProtocol("DEMO", States = typeof(int))"""),
            "The protocol 'DEMO' has no states ('int', which States names, is not an enum): add a nested enum of states, or name one with States = typeof(...)"
        },
        {
            Definition(attribute: """LineProtocol("DEMO", Removes = [Demo.Verb.Open])"""),
            "'Demo.Demo.Verb.Open' is not a command of the base protocol: Removes names commands of the definition given by Extends, and this definition extends none"
        },
        {
            // A definition keeps its base's numeric replies: SMTPGEN035 must not advise the setting SMTPGEN022 refuses.
            Header + """
                [LineProtocol("BASE")]
                public static partial class Base
                {
                    public enum State { Start, [FinalState] Closed }

                    public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }
                }

                [LineProtocol("DERIVED", Extends = typeof(Base))]
                [Status("+OK", ReplyOutcome.Positive)]
                public static partial class Derived
                {
                }
                """,
            "The protocol's status tokens are not valid: '+OK': the protocol's replies are not status tokens: it keeps the reply form of 'Base', ReplyForm.Numeric"
        },
        {
            WithOpen("\"OPEN {name:Atom}[ GMT]\""),
            "The pattern \"OPEN {name:Atom}[ GMT]\" is not valid: an optional group must capture something: to take \"GMT\" or nothing, capture it as a choice of one value, [ {gmt:Gmt=GMT}]"
        },
        {
            Definition(replies: """[Reply(480, "Authentication required")] AuthenticationRequired,"""),
            "The reply code 480 is no reply code of this protocol: it lies in 200–599, with a second digit of 0 to 5 (RFC 5321 §4.2.1; AnySecondDigit = true on [LineProtocol] allows 6 to 9, as NNTP's x8x and x9x)"
        },
        {
            WithOpen("\"OPEN {name:Atom}[ IN]\""),
            "The pattern \"OPEN {name:Atom}[ IN]\" is not valid: an optional group must capture something: to take \"IN\" or nothing, capture it as a choice of one value, [ {word:In=IN}]"
        },
        {
            Definition(replies: """[Reply(101, "Capability list follows")] CapabilityList,"""),
            "The reply code 101 is no reply code of this protocol: it lies in 200–599, with a second digit of 0 to 5; a 1yz code needs PreliminaryReplies = true (another reply follows, FTP's 150) or InformativeReplies = true (the reply is final, NNTP's 101) on [LineProtocol]"
        },
        {
            Definition(attribute: """LineProtocol("DEMO", AnySecondDigit = true)""", replies: """[Reply(680, "Too high")] TooHigh,"""),
            "The reply code 680 is no reply code of this protocol: it lies in 200–599, with any second digit"
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_mistake_is_told_in_words_that_say_what_is_wrong(string source, string message)
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Equal(message, Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_project_on_a_csharp_older_than_the_generated_code_is_told_so()
    {
        (string source, TextSpan expected) = Unmark(Definition(declaration: "public static partial class [|Demo|]"));
        CSharpCompilation input = CSharpCompilation.Create(
            "Definitions",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12), path: "Definition0.cs")],
            GeneratorHarness.Compile().References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        GeneratorDriverRunResult result = CSharpGeneratorDriver.Create([new LineProtocolGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12))
            .RunGenerators(input).GetRunResult();

        Diagnostic refusal = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN045", refusal.Id);
        Assert.Equal(expected, refusal.Location.SourceSpan);
        Assert.Contains("this project compiles C# 12.0", refusal.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Two_definitions_whose_full_names_differ_only_in_case_are_reported_not_a_crash()
    {
        string lower = Definition().Replace("public static partial class Demo", "public static partial class Pop");
        string upper = Definition().Replace("public static partial class Demo", "public static partial class POP");

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(lower, upper));

        Assert.Null(result.Results.Single().Exception);
        Diagnostic clash = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN043", clash.Id);
        Assert.Equal(lower, clash.Location.SourceTree!.ToString());
        Assert.Equal("Pop", lower.Substring(clash.Location.SourceSpan.Start, clash.Location.SourceSpan.Length));
        Assert.Equal("The definition 'Demo.Pop' has the full name of another but for case: the generated files are named after it, and their names are compared ignoring case, so nothing is generated for it; rename one of them",
            clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith("Demo.POP.Commands.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_definitions_whose_file_names_differ_only_by_a_keywords_at_and_case_are_reported_not_a_crash()
    {
        string keyword = Definition().Replace("namespace Demo;", "namespace @event;");
        string capital = Definition().Replace("namespace Demo;", "namespace Event;");

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(keyword, capital));

        Assert.Null(result.Results.Single().Exception);
        Assert.Equal("SMTPGEN043", Assert.Single(result.Diagnostics).Id);
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith("Event.Demo.Commands.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_that_extends_another_may_keep_its_own_enums_internal()
    {
        CSharpCompilation input = GeneratorHarness.Compile(Extending("""
            internal enum Added { [Command("NOOP")] Noop }
            """));

        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(NewErrors(input, output));
    }

    [Theory]
    [InlineData("Closed = Ready", "SMTPGEN040")]
    [InlineData("Closed, @default", "SMTPGEN041")]
    public void A_base_with_a_mistake_of_its_enums_leaves_nothing_to_extend(string states, string baseMistake)
    {
        string source = Extending("").Replace("Start, Ready, [FinalState] Closed", "Start, Ready, [FinalState] " + states);
        CSharpCompilation input = GeneratorHarness.Compile(source);

        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(input);

        Assert.Equal(new[] { baseMistake, "SMTPGEN022" }.Order(), result.Diagnostics.Select(d => d.Id).Order());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SMTPGEN008");
        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(NewErrors(input, output));
    }

    [Fact]
    public void A_status_reply_without_text_fits_a_line_of_its_token_and_crlf()
    {
        string source = Header + """
            [LineProtocol("POP", Replies = ReplyForm.Status, MaxReplyLine = 8)]
            [Status("+OKAYY", ReplyOutcome.Positive)]
            public static partial class Pop
            {
                public enum State { Start, [FinalState] Closed }

                public enum Verb { [Command("QUIT", Then = State.Closed)] Quit }

                public enum Reply { [Reply("+OKAYY", "")] Bare }
            }
            """;

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_capture_kind_whose_value_is_a_reference_type_is_held_as_nullable_and_compiles_without_a_warning()
    {
        const string Kind = """

            namespace Demo.Kinds;

            public static class Word
            {
                public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out string value)
                {
                    value = "";
                    return false;
                }

                public static bool TryWrite(System.Span<byte> destination, string value, out int written)
                {
                    written = 0;
                    return true;
                }
            }
            """;
        string source = Definition(
            verbs: """
                [Command("OPEN {name:Demo.Kinds.Word}[ AS {alias:Demo.Kinds.Word}]", In = [State.Start], Then = State.Open)] Open,
                [Command("GET {keys:Demo.Kinds.Word...}")] Get,
                [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
                """,
            replies: """[Reply(250, "OK {who:Demo.Kinds.Word}")] Ok,""");

        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, Kind));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true));
        Assert.Contains("public string? Alias =>", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Commands.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private static bool TryScan", "public static bool TryWrite", "System.ReadOnlySpan<byte>", " 'Odd.TryScan' cannot be called from the definition's assembly.")]
    [InlineData("public static bool TryScan", "private static bool TryWrite", "System.ReadOnlySpan<byte>", " 'Odd' has no static bool TryWrite(Span<byte>, System.ReadOnlySpan<byte>, out int) that the definition's assembly can call, for the value its TryScan gives.")]
    [InlineData("public static bool TryScan", "public static bool TryWrite", "int?", " The value of 'Odd.TryScan', int?, is a nullable value type.")]
    [InlineData("public static bool TryScan<T>", "public static bool TryWrite<T>", "T", " 'Odd.TryScan' is generic, which a kind's methods cannot be.")]
    public void A_capture_kind_the_generated_code_cannot_use_is_unknown_and_told_why(string scan, string write, string value, string why)
    {
        string kind = $$"""

            namespace Demo.Kinds;

            public static class Odd
            {
                {{scan}}(System.ReadOnlySpan<byte> content, scoped ref int position, out {{value}} value)
                {
                    value = default;
                    return false;
                }

                {{write}}(System.Span<byte> destination, {{value}} value, out int written)
                {
                    written = 0;
                    return true;
                }
            }
            """;
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(WithOpen("\"OPEN {name:Demo.Kinds.Odd}\""), kind));

        Diagnostic unknown = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN004", unknown.Id);
        Assert.EndsWith("T not nullable." + why, unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void A_transition_without_in_is_named_as_the_mistake_not_the_command()
    {
        string source = Definition(verbs: """
            [Command("OPEN {name:Atom}", In = [State.Start], Then = State.Open)] Open,
            [Command("RESET", In = [State.Open], Then = State.Start)]
            [Transition(Then = State.Start)] Reset,
            [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
            """);

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Equal(
            "A [Transition] of the command 'Reset' names no state it leads from: list the states it may come in with In = [...]",
            Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("""LineProtocol("DEMO", Extends = typeof(Missing))""")]
    [InlineData("""LineProtocol("DEMO", States = typeof(Missing))""")]
    public void A_type_that_does_not_exist_is_the_compilers_to_report(string attribute)
    {
        CSharpCompilation input = GeneratorHarness.Compile(Definition(attribute: attribute));

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(input);

        Assert.Contains(input.GetDiagnostics(), d => d.Id == "CS0246");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_reply_text_may_hold_a_tab_as_rfc_5321s_textstring_does()
    {
        (GeneratorDriverRunResult result, Compilation output) = GeneratorHarness.Run(GeneratorHarness.Compile(Definition(replies: """[Reply(250, "OK\there")] Ok,""")));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("""Reply.Ok => "250 OK\there\r\n"u8,""", GeneratorHarness.GeneratedSources(result)["Demo.Demo.Replies.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPEN {key:Atom}:{value:Atom}")]
    [InlineData("OPEN {a:ReversePath}={b:Atom}")]
    [InlineData("OPEN {p:Parameters} <{b:Atom}>")]
    [InlineData("OPEN {p:Parameters}[ <{b:Atom}>]")]
    [InlineData("OPEN[ {a:Atom} {b:Atom}] {c:Atom}")]
    [InlineData("OPEN[ {a:Number}] {b:ReversePath}")]
    [InlineData("OPEN[ {a:Atom}] <{b:Atom}>")]
    [InlineData("OPEN[ {a:Atom} TO {c:Atom}] {b:Number}")]
    [InlineData("OPEN[ {a:Demo.Kinds.Opaque}] {b:Number}")]
    [InlineData("OPEN {name:Atom} {rest:Text}")]
    public void A_pattern_whose_captures_cannot_take_what_follows_them_is_not_refused(string pattern)
    {
        const string kind = """
            namespace Demo.Kinds;

            public static class Opaque
            {
                public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out System.ReadOnlySpan<byte> value)
                {
                    value = default;
                    return false;
                }

                public static bool TryWrite(System.Span<byte> destination, System.ReadOnlySpan<byte> value, out int written)
                {
                    written = 0;
                    return true;
                }
            }
            """;

        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(WithOpen($"\"{pattern}\""), kind));

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("OPEN {name:atom}", " Did you mean 'Atom'?")]
    [InlineData("OPEN {name:Atomm}", " Did you mean 'Atom'?")]
    [InlineData("OPEN {name:Mailbx}", " Did you mean 'Mailbox'?")]
    [InlineData("OPEN {last:LAST}", " To take the single value LAST, name it as a choice: {last:Last=LAST}.")]
    [InlineData("OPEN {name:Nothing}", "")]
    [InlineData("OPEN {name:Demo.Atom}", " No class has the full name 'Demo.Atom'.")]
    [InlineData("OPEN {name:Demo.Holder.Inner}", " 'Demo.Holder.Inner' is a nested class, which a kind cannot be: declare it in a namespace.")]
    [InlineData("OPEN {name:Demo.Holder}", " 'Holder' has no static bool TryScan(ReadOnlySpan<byte>, scoped ref int, out T).")]
    public void An_unknown_kind_gets_a_hint_where_one_can_be_given(string pattern, string hint)
    {
        const string Holder = """

            namespace Demo;

            public static class Holder
            {
                public static class Inner
                {
                    public static bool TryScan(System.ReadOnlySpan<byte> content, scoped ref int position, out System.ReadOnlySpan<byte> value) =>
                        SmtpGen.Captures.Atom.TryScan(content, ref position, out value);

                    public static bool TryWrite(System.Span<byte> destination, System.ReadOnlySpan<byte> value, out int written) =>
                        SmtpGen.Captures.Atom.TryWrite(destination, value, out written);
                }
            }
            """;
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(WithOpen($"\"{pattern}\""), Holder));

        Diagnostic unknown = Assert.Single(result.Diagnostics);
        Assert.Equal("SMTPGEN004", unknown.Id);
        Assert.EndsWith("T not nullable." + hint, unknown.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string WithEnhancedCodes(string replies) =>
        Definition(replies: replies, attribute: """LineProtocol("DEMO", EnhancedStatusCodes = true)""");

    private static string WithOpen(string pattern) => Definition(verbs: $$"""
        [Command({{pattern}}, In = [State.Start], Then = State.Open)] Open,
        [Command("QUIT", In = [State.Start, State.Open], Then = State.Closed)] Quit,
        """);

    /// <summary>Removes the <c>[|...|]</c> marker and returns the span it marked.</summary>
    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", start + 2, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the case has no [|...|] marker");
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, new TextSpan(start, end - start - 2));
    }
}
