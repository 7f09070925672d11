using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// P6 on a wildcard socket: the kernel reports each datagram's destination (IP_PKTINFO), so a
/// request from the very address it was sent to with source port 123 — the server talking to
/// itself — is dropped, even for an address that is not an interface address (127.0.0.7).
/// </summary>
public class DestinationAddressTests
{
    [Fact]
    public void DropsARequestFromItsOwnDestinationAddressAndPort123_OnAWildcardSocket()
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Any, 0)], state);
        int port = engine.LocalEndPoints[0].Port;
        using var loop = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        loop.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.7"), 123));
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());

        loop.SendTo(request, new IPEndPoint(IPAddress.Parse("127.0.0.7"), port));
        Assert.NotNull(client.Exchange(new IPEndPoint(IPAddress.Parse("127.0.0.7"), port), request));

        Assert.Equal(1, engine.Counters().Drops[DropReason.SourceIsServer]);
    }
}
