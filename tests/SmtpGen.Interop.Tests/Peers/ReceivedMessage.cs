namespace SmtpGen.Interop.Tests.Peers;

/// <summary>A message as a peer stored it: its envelope and its octets after dot-unstuffing.</summary>
internal sealed record ReceivedMessage(string From, IReadOnlyList<string> To, byte[] Content);
