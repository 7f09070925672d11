using System.Net;
using System.Net.Sockets;

namespace Meridian.Net;

/// <summary>A listen address could not be bound; the message says which one and why.</summary>
public sealed class ListenException(IPEndPoint endPoint, SocketError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public IPEndPoint EndPoint { get; } = endPoint;

    public SocketError Error { get; } = error;
}
