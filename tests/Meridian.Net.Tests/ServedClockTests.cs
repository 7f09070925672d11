using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net.Tests;

public class ServedClockTests
{
    [Fact]
    public void ServesTheSystemClockPlusThePublishedCorrection()
    {
        var clock = new ServedClock();
        LocalTime now = RealtimeClock.ReadLocal();
        clock.Publish(new ClockCorrection(now.Monotonic, 2.5, 0, 0, now.Monotonic, 0));

        double ahead = clock.Now().SecondsSince(RealtimeClock.Now());

        Assert.InRange(ahead, 2.49, 2.51);
    }

    [Fact]
    public void RepliesCarryTheCorrectedTime()
    {
        var clock = new ServedClock();
        LocalTime now = RealtimeClock.ReadLocal();
        clock.Publish(new ClockCorrection(now.Monotonic, -7, 0, 0, now.Monotonic, 0));
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, NtpTimestamp.Zero));
        using var engine = ServingEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state, clock);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(RealtimeClock.Now()));

        Assert.NotNull(reply);
        double offset = NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)).SecondsSince(RealtimeClock.Now());
        Assert.InRange(offset, -7.1, -6.99);
    }

    [Fact]
    public void ReportsTheMonotonicTimeOfItsOwnReading()
    {
        var clock = new ServedClock();
        LocalTime before = RealtimeClock.ReadLocal();

        NtpTimestamp served = clock.Now(out MonotonicTime monotonic);

        LocalTime after = RealtimeClock.ReadLocal();
        Assert.InRange(monotonic.SecondsSince(before.Monotonic), 0, after.Monotonic.SecondsSince(before.Monotonic));
        Assert.InRange(served.SecondsSince(before.System), 0, after.System.SecondsSince(before.System) + 1e-6);
    }
}
