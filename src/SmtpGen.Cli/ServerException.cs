using System.Net.Sockets;
using System.Security.Authentication;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// A failure to reach or talk to a server, told in one line that names it: <c>cannot connect to
/// 127.0.0.1:2525: Connection refused</c>, or <c>127.0.0.1:2525: </c> and what went wrong in the conversation.
/// </summary>
internal sealed class ServerException(ServerEndPoint server, Exception failure)
    : Exception(failure is SocketException ? $"cannot connect to {server}: {failure.Message}" : $"{server}: {failure.Message}", failure)
{
    /// <summary>Whether no connection could be made (refused, unreachable, a host that does not resolve).</summary>
    public bool IsUnreachable => InnerException is SocketException;

    /// <summary>
    /// Whether <paramref name="failure"/> came from the server or the connection to it. The client throws
    /// <see cref="SocketException"/> only when it cannot connect; a connection that breaks later is an <see cref="IOException"/>;
    /// a connection that cannot be secured as the options say (a certificate not trusted, TLS where the server speaks
    /// none, STARTTLS required and not offered) is an <see cref="AuthenticationException"/>.
    /// </summary>
    public static bool IsServerFailure(Exception failure) =>
        failure is SmtpCommandException or SmtpProtocolException or SocketException or IOException or TimeoutException or AuthenticationException;
}
