using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>What an upstream source sends and when: the minimal request, iburst, poll spacing and the reach register.</summary>
public class UpstreamSourcePollingTests
{
    [Fact]
    public void SendsA48ByteModeThreeVersionFourRequest_WithNothingButARandomTransmitTimestamp()
    {
        var exchange = new SourceWithServer();

        OutgoingRequest request = exchange.PollWhenDue();

        byte[] packet = request.Packet;
        Assert.Equal(NtpHeader.Size, packet.Length);
        Assert.Equal(0x23, packet[0]);
        Assert.All(packet[1..NtpHeader.TransmitTimestampOffset], b => Assert.Equal(0, b));
        NtpTimestamp transmit = NtpTimestamp.Read(packet.AsSpan(NtpHeader.TransmitTimestampOffset));
        Assert.NotEqual(NtpTimestamp.Zero, transmit);
        Assert.True(Math.Abs(transmit.SecondsSince(exchange.SentAt.System)) > 1, "the transmit timestamp must not reveal the local clock");
        Assert.Equal(SourceWithServer.Server, request.Destination);
        Assert.Equal(exchange.Source.Id, request.SourceId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PutsADifferentRandomTransmitTimestampInEachRequest(int seed)
    {
        var exchange = new SourceWithServer(seed: seed);

        var transmits = Enumerable.Range(0, 4)
            .Select(_ => NtpTimestamp.Read(exchange.PollWhenDue().Packet.AsSpan(NtpHeader.TransmitTimestampOffset)))
            .ToList();

        Assert.Equal(transmits.Count, transmits.Distinct().Count());
    }

    [Fact]
    public void SendsTheFirstRequestWithinASecondOfStarting()
    {
        var exchange = new SourceWithServer();

        Assert.Null(exchange.Source.HandlePoll(exchange.At(exchange.Source.NextPoll.AddSeconds(-1e-6)), ClockCorrection.None));
        Assert.InRange(exchange.Source.NextPoll.SecondsSince(MonotonicTime.Zero), 0, 1);
        Assert.NotNull(exchange.Source.HandlePoll(exchange.At(exchange.Source.NextPoll), ClockCorrection.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Iburst_SendsEightRequestsTwoSecondsApart_ThenPollsAtTwoToThePollShortenedByAtMostTenPercent(int seed)
    {
        var exchange = new SourceWithServer(new SourceOptions(MinPoll: 6, Iburst: true), seed);

        var sent = new List<MonotonicTime>();
        for (int i = 0; i < 14; i++)
        {
            exchange.PollAndAnswer();
            sent.Add(exchange.SentAt.Monotonic);
        }

        var gaps = sent.Zip(sent.Skip(1), (a, b) => b.SecondsSince(a)).ToList();
        Assert.All(gaps.Take(7), gap => Assert.Equal(2.0, gap));
        Assert.All(gaps.Skip(7), gap => Assert.InRange(gap, 0.9 * 64, 64));
        Assert.True(gaps.Skip(7).Distinct().Count() > 1, "poll intervals are randomized");
    }

    [Fact]
    public void WithoutIburst_PollsAtTwoToThePollFromTheFirstRequest()
    {
        var exchange = new SourceWithServer(new SourceOptions(MinPoll: 5));

        exchange.PollAndAnswer();
        MonotonicTime first = exchange.SentAt.Monotonic;
        exchange.PollAndAnswer();

        Assert.InRange(exchange.SentAt.Monotonic.SecondsSince(first), 0.9 * 32, 32);
    }

    [Fact]
    public void IsNotPolledBeforeTheNextPollIsDue()
    {
        var exchange = new SourceWithServer();
        exchange.PollAndAnswer();

        Assert.Null(exchange.Source.HandlePoll(exchange.At(exchange.Source.NextPoll.AddSeconds(-0.001)), ClockCorrection.None));
        Assert.Equal(1, exchange.Source.PollsSent);
    }

    [Theory]
    [InlineData("1", 0x01)]
    [InlineData("11111111", 0xFF)]
    [InlineData("111111111", 0xFF)]
    [InlineData("11111110", 0xFE)]
    [InlineData("1101", 0x0D)]
    [InlineData("10000000", 0x80)]
    [InlineData("100000000", 0x00)]
    [InlineData("011111111", 0xFF)]
    public void ShiftsTheReachRegisterAtEachPoll_AndSetsBitZeroForAnAnsweredPoll(string answered, int expectedReach)
    {
        var exchange = new SourceWithServer();

        foreach (char answer in answered)
        {
            exchange.PollWhenDue();
            if (answer == '1')
            {
                Assert.NotEqual(ResponseOutcome.Ignored, exchange.Deliver(exchange.Reply()));
            }
        }

        Assert.Equal(expectedReach, exchange.Source.Reach);
        Assert.Equal(expectedReach != 0, exchange.Source.IsReachable);
        Assert.Equal(answered.Length, exchange.Source.PollsSent);
    }
}
