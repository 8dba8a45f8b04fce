namespace SmtpGen.Server.Tests.Pop3;

/// <summary>The one mailbox a test POP3 server serves: its user name and password (the APOP secret too).</summary>
internal sealed record Pop3Account(string User, string Password);
