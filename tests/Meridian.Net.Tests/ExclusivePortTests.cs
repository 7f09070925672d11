using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// Only the workers of one process share a serving port: a socket of anyone else on it, even one
/// that set SO_REUSEPORT as the workers do (a second Meridian, chronyd), stops the start.
/// </summary>
public class ExclusivePortTests
{
    private static readonly ServerStateCell State = new(ServerState.LocalClock(1, -20, RealtimeClock.Now()));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("127.0.0.1", "0.0.0.0")]
    public void RefusesToStartWorkers_WhenAnotherReusePortSocketHoldsThePort(string held, string wanted)
    {
        using Socket other = ReusePortSocket(new IPEndPoint(IPAddress.Parse(held), 0));
        int port = ((IPEndPoint)other.LocalEndPoint!).Port;
        var listen = new IPEndPoint(IPAddress.Parse(wanted), port);

        var error = Assert.Throws<ListenException>(() => TestEngine.Start([listen], State, () => ServingPolicy.Open(), workers: 4));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.Error);
        Assert.Equal($"{wanted}:{port} is already served by another process (stop it, or choose another address with --listen)", error.Message);
    }

    [Fact]
    public void StartsWorkersThatShareAPort_WhenNobodyElseHoldsIt()
    {
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], State, () => ServingPolicy.Open(), workers: 4);

        Assert.Equal(4, engine.LocalEndPoints.Count);
        Assert.Single(engine.LocalEndPoints.Distinct());
    }

    [Fact]
    public void TheSocketTableCheck_FindsASocketThatJoinedAfterTheProbe()
    {
        using Socket ours = ReusePortSocket(new IPEndPoint(IPAddress.Loopback, 0));
        var bound = (IPEndPoint)ours.LocalEndPoint!;
        ExclusivePort.VerifySole(bound, [ours]);

        using Socket joined = ReusePortSocket(bound);

        var error = Assert.Throws<ListenException>(() => ExclusivePort.VerifySole(bound, [ours]));
        Assert.Contains("is already served by another process", error.Message);
        ExclusivePort.VerifySole(bound, [ours, joined]);
    }

    [Fact]
    public void TheSocketTableCheck_FindsAnIPv6SocketOnTheSamePort()
    {
        using Socket ours = ReusePortSocket(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var bound = (IPEndPoint)ours.LocalEndPoint!;
        using Socket joined = ReusePortSocket(new IPEndPoint(IPAddress.IPv6Any, bound.Port));

        Assert.Throws<ListenException>(() => ExclusivePort.VerifySole(bound, [ours]));
    }

    private static Socket ReusePortSocket(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = false;
        }

        ReusePortSteering.AllowReuse(socket);
        socket.Bind(endPoint);
        return socket;
    }
}
