using System.Net;

namespace SmtpGen.Server;

/// <summary>
/// A client's address as the server tells it (to a policy, in the envelope, in the log): an IPv4 client of a dual-stack
/// socket, which the socket gives as <c>::ffff:192.0.2.1</c>, as the IPv4 address it is.
/// </summary>
internal static class ClientEndPoint
{
    /// <summary>The address, IPv4 when it is an IPv4-mapped IPv6 address.</summary>
    public static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The end point, with its address <see cref="Unmapped"/>; a new one only when it was mapped.</summary>
    public static EndPoint? Of(EndPoint? remote) =>
        remote is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port) : remote;
}
