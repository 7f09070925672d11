using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Serving;

/// <summary>Rule P10 and catalogue I: what a reply says, from the published server state.</summary>
public class ResponderTests
{
    [Fact]
    public void SaysNotSynchronized_WithLeap3AndStratum0_BeforeSynchronization()
    {
        var harness = new ServingHarness(ServerState.Unsynchronized(-20));

        NtpHeader.TryRead(harness.Serve(Requests.Client()), out NtpHeader reply);

        Assert.Equal(LeapIndicator.Unsynchronized, reply.Leap);
        Assert.Equal(0, reply.Stratum);
        Assert.Equal(KissCode.Init, reply.ReferenceId);
        Assert.Equal(16.0, reply.RootDispersion.ToSeconds());
    }

    [Theory]
    [InlineData(1, "LOCL")]
    [InlineData(3, "127.127.1.1")]
    public void ServesTheLocalClock_AtTheConfiguredStratum(byte stratum, string referenceId)
    {
        var reference = new NtpTimestamp(0xE9FF_0000_0000_0000);
        var harness = new ServingHarness(ServerState.LocalClock(stratum, -22, reference));

        NtpHeader.TryRead(harness.Serve(Requests.Client()), out NtpHeader reply);

        Assert.Equal(LeapIndicator.NoWarning, reply.Leap);
        Assert.Equal(stratum, reply.Stratum);
        Assert.Equal(-22, reply.Precision);
        Assert.Equal(referenceId, reply.ReferenceId.ToString());
        Assert.Equal(reference, reply.ReferenceTimestamp);
        Assert.Equal(NtpShort.Zero, reply.RootDelay);
    }

    [Fact]
    public void WritesReceiveAndTransmitTimestamps_FromTheServedClock()
    {
        var harness = new ServingHarness();

        NtpHeader.TryRead(harness.Serve(Requests.Client()), out NtpHeader reply);

        Assert.Equal(ServingHarness.Receive, reply.ReceiveTimestamp);
        Assert.Equal(ServingHarness.Transmit, reply.TransmitTimestamp);
    }

    [Fact]
    public void NeverShowsATransmitBeforeTheReceive_WhenTheClockStepsBack()
    {
        byte[] reply = new byte[NtpHeader.Size];
        Responder.WriteReply(Requests.Client(), reply, ServingHarness.Receive, ServerState.Unsynchronized(-20));

        Responder.StampTransmit(reply, new NtpTimestamp(ServingHarness.Receive.Value - (1UL << 32)));

        // Raised to the receive time, then to the next even value: a transmit timestamp's lowest bit is clear.
        Assert.Equal(ServingHarness.Receive.Value + 1, NtpTimestamp.Read(reply.AsSpan(NtpHeader.TransmitTimestampOffset)).Value);
    }

    [Fact]
    public void ServesTheStateOfTheSnapshotItIsHanded_NotANewerOne()
    {
        var cell = new ServerStateCell(ServerState.LocalClock(2, -20, NtpTimestamp.Zero));
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters());
        byte[] reply = new byte[NtpHeader.Size];
        ServedSnapshot batch = cell.Current;

        cell.Publish(ServerState.LocalClock(5, -20, NtpTimestamp.Zero), ClockCorrection.None);
        path.Handle(Requests.Client(), reply, ServingHarness.Client, ServingHarness.Server, ServingHarness.Receive, default, batch.State);

        Assert.Equal(2, reply[NtpHeader.StratumOffset]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void RefusesToServeTheLocalClock_OutsideStrata1To15(byte stratum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ServerState.LocalClock(stratum, -20, NtpTimestamp.Zero));
    }

    [Theory]
    [InlineData(LeapIndicator.NoWarning)]
    [InlineData(LeapIndicator.LastMinuteHas61Seconds)]
    [InlineData(LeapIndicator.LastMinuteHas59Seconds)]
    public void CarriesTheLeapIndicator_OfThePublishedState(LeapIndicator leap)
    {
        var state = ServerState.LocalClock(1, -20, NtpTimestamp.Zero) with { Leap = leap };
        var harness = new ServingHarness(state);

        byte[] reply = harness.Serve(Requests.Client())!;

        Assert.Equal(leap, NtpHeader.ReadLeap(reply));
    }
}
