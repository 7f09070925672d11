using Meridian.Core.Serving;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>A request that waited in the receive queue longer than the bound is dropped and counted as stale, not answered late.</summary>
public class StaleRequestTests
{
    private static readonly MonotonicTime Arrival = new(5_000_000_000);

    [Fact]
    public void DropsAndCountsARequest_ThatWaitedLongerThanTenMilliseconds()
    {
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters());

        bool dropped = path.DropIfStale(Arrival, Arrival.AddSeconds(0.0101), 48);

        Assert.True(dropped);
        Assert.Equal(1, path.Counters.Received);
        Assert.Equal(1, path.Counters.Dropped(DropReason.Stale));
    }

    [Fact]
    public void AnswersALateRequest_WhenNothingIsQueuedBehindIt()
    {
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters());

        bool dropped = path.DropIfStale(Arrival, Arrival.AddSeconds(0.050), 48, backlogged: false);

        Assert.False(dropped);
        Assert.Equal(0, path.Counters.Dropped(DropReason.Stale));
    }

    [Fact]
    public void DropsAReplyAtItsSend_WhenTheBackloggedLoopStalledPastTheBound_ButNotWhenNothingIsQueued()
    {
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters());
        byte[] request = new byte[NtpHeader.Size];
        request[0] = 0x23; // NTPv4, mode 3
        var receive = NtpTimestamp.FromUnixTime(1_800_000_000, 0);
        byte[] reply = new byte[NtpHeader.Size];
        Responder.WriteReply(request, reply, receive, ServerState.LocalClock(1, -20, receive));
        var late = new NtpTimestamp(receive.Value + (ulong)(0.011 * 4_294_967_296.0));
        var inTime = new NtpTimestamp(receive.Value + (ulong)(0.009 * 4_294_967_296.0));

        Assert.False(path.StampAndSeal(reply, late, backlogged: true));
        Assert.True(path.StampAndSeal(reply, inTime, backlogged: true));
        Assert.True(path.StampAndSeal(reply, late, backlogged: false));
        Assert.Equal(1, path.Counters.Dropped(DropReason.Stale));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.0005)]
    [InlineData(0.010)]
    public void LeavesARequestToBeAnswered_ThatWaitedUpToTheBound(double waited)
    {
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters());

        bool dropped = path.DropIfStale(Arrival, Arrival.AddSeconds(waited), 48);

        Assert.False(dropped);
        Assert.Equal(0, path.Counters.Received);
        Assert.Equal(0, path.Counters.Dropped(DropReason.Stale));
    }

    [Fact]
    public void IsNotStale_WhenTheArrivalIsAfterTheReading()
    {
        Assert.False(RequestAge.Default.IsStale(Arrival.AddSeconds(0.001), Arrival));
    }

    [Fact]
    public void KeepsTheBoundItIsGiven()
    {
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters(), ServingPolicy.Open(), new RequestAge(0.002));

        Assert.False(path.DropIfStale(Arrival, Arrival.AddSeconds(0.002), 48));
        Assert.True(path.DropIfStale(Arrival, Arrival.AddSeconds(0.0021), 48));
        Assert.Equal(1, path.Counters.Dropped(DropReason.Stale));
    }
}
