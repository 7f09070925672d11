using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>Kiss-o'-death handling (RFC 5905 §7.4): RATE slows polling down, DENY and RSTR stop it.</summary>
public class UpstreamSourceKissTests
{
    [Fact]
    public void RateKiss_RaisesThePollAndStopsTheBurst()
    {
        var exchange = new SourceWithServer(new SourceOptions(MinPoll: 6, MaxPoll: 10, Iburst: true));
        exchange.PollWhenDue();

        ResponseOutcome outcome = exchange.Deliver(exchange.Kiss(KissCode.Rate));

        Assert.Equal(ResponseOutcome.KissRate, outcome);
        Assert.Equal(7, exchange.Source.Poll);
        Assert.Equal(exchange.SentAt.Monotonic.AddSeconds(0.0023).AddSeconds(128), exchange.Source.NextPoll);
        Assert.False(exchange.Source.Filter.HasOutput);

        exchange.PollWhenDue();
        Assert.InRange(exchange.Source.NextPoll.SecondsSince(exchange.SentAt.Monotonic), 0.9 * 128, 128);
    }

    [Fact]
    public void RateKiss_DoublesTheIntervalAgainAtEachKiss_UpToMaxPoll()
    {
        var exchange = new SourceWithServer(new SourceOptions(MinPoll: 6, MaxPoll: 8));
        var polls = new List<int>();

        for (int i = 0; i < 4; i++)
        {
            exchange.PollWhenDue();
            Assert.Equal(ResponseOutcome.KissRate, exchange.Deliver(exchange.Kiss(KissCode.Rate)));
            polls.Add(exchange.Source.Poll);
        }

        Assert.Equal([7, 8, 8, 8], polls);
    }

    [Fact]
    public void RateKiss_KeepsThePollAboveTheSystemPollAfterwards()
    {
        var exchange = new SourceWithServer(new SourceOptions(MinPoll: 6, MaxPoll: 10));
        exchange.PollWhenDue();
        exchange.Deliver(exchange.Kiss(KissCode.Rate));

        exchange.Source.FollowSystemPoll(6);

        Assert.Equal(7, exchange.Source.Poll);
    }

    [Theory]
    [InlineData("DENY")]
    [InlineData("RSTR")]
    public void DenyOrRestrictKiss_StopsPolling(string code)
    {
        var exchange = new SourceWithServer(new SourceOptions(Iburst: true));
        exchange.PollAndAnswer();
        exchange.PollWhenDue();

        ResponseOutcome outcome = exchange.Deliver(exchange.Kiss(ReferenceId.FromAscii(code)));

        Assert.Equal(ResponseOutcome.KissDeny, outcome);
        Assert.True(exchange.Source.Denied);
        Assert.Equal(MonotonicTime.MaxValue, exchange.Source.NextPoll);
        Assert.Equal(0, exchange.Source.Reach);
        Assert.Null(exchange.Source.HandlePoll(exchange.At(MonotonicTime.Zero.AddSeconds(1e6)), ClockCorrection.None));
        Assert.Equal(2, exchange.Source.PollsSent);
    }

    [Fact]
    public void IgnoresAKissWhoseOriginIsNotTheRequestInFlight()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] kiss = exchange.Kiss(KissCode.Deny);
        kiss[NtpHeader.OriginTimestampOffset] ^= 0x80;

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(kiss));

        Assert.False(exchange.Source.Denied);
        Assert.NotNull(exchange.Source.HandlePoll(exchange.At(exchange.Source.NextPoll), ClockCorrection.None));
    }
}
