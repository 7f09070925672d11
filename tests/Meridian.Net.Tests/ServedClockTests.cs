using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net.Tests;

public class ServedClockTests
{
    [Fact]
    public void RepliesCarryTheCorrectedTime()
    {
        LocalTime now = RealtimeClock.ReadLocal();
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, NtpTimestamp.Zero), new ClockCorrection(now.Monotonic, -7, 0, 0, now.Monotonic, 0));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(RealtimeClock.Now()));

        Assert.NotNull(reply);
        double offset = NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)).SecondsSince(RealtimeClock.Now());
        Assert.InRange(offset, -7.1, -6.99);
        double transmit = NtpTimestamp.Read(reply.AsSpan(NtpHeader.TransmitTimestampOffset)).SecondsSince(RealtimeClock.Now());
        Assert.InRange(transmit, -7.1, -6.99);
    }

    [Fact]
    public void RepliesCarryTheStateAndCorrection_PublishedTogether()
    {
        LocalTime now = RealtimeClock.ReadLocal();
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, NtpTimestamp.Zero));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        state.Publish(ServerState.LocalClock(3, -20, NtpTimestamp.Zero), new ClockCorrection(now.Monotonic, 30, 0, 0, now.Monotonic, 1));
        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(RealtimeClock.Now()));

        Assert.NotNull(reply);
        Assert.Equal(3, reply[NtpHeader.StratumOffset]);
        double offset = NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)).SecondsSince(RealtimeClock.Now());
        Assert.InRange(offset, 29.9, 30.01);
    }
}
