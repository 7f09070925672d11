using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>Which replies an upstream source accepts, and the sample it takes from them.</summary>
public class UpstreamSourceReplyTests
{
    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.003)]
    [InlineData(false, -0.25)]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.003)]
    public void ComputesOffsetAndDelay_ForAServer5MsAheadOverASymmetric1MsPath(bool acrossEraRollover, double correction)
    {
        var exchange = new SourceWithServer { Correction = ClockCorrection.None with { BaseSeconds = correction } };
        if (acrossEraRollover)
        {
            // The served clock at the request is 0.5 ms before the rollover; the reply comes after it.
            double sendAt = exchange.Source.NextPoll.Nanoseconds / 1e9;
            exchange.Epoch = ClockCorrection.Add(new NtpTimestamp(0), -(sendAt + correction + 0.0005));
        }

        exchange.PollWhenDue();
        ResponseOutcome outcome = exchange.Deliver(exchange.Reply(serverError: 0.005, oneWay: 0.001, processing: 0.0003), afterSeconds: 0.0023);

        Assert.Equal(ResponseOutcome.NewFilterOutput, outcome);
        Assert.Equal(0.005 - correction, exchange.Source.Filter.Offset, 1e-6);
        Assert.Equal(0.002, exchange.Source.Filter.Delay, 1e-6);
        Assert.Equal(1, exchange.Source.Stratum);
        Assert.Equal(LeapIndicator.NoWarning, exchange.Source.Leap);
    }

    [Fact]
    public void TakesTheServerHeaderFields_FromAValidReply()
    {
        var exchange = new SourceWithServer();
        var state = new ServerState(LeapIndicator.LastMinuteHas61Seconds, 3, 6, -23, NtpShort.FromSeconds(0.0125), NtpShort.FromSeconds(0.0375), new ReferenceId(0x0A000001), SourceWithServer.DefaultEpoch);

        exchange.PollWhenDue();
        exchange.Deliver(exchange.Reply(state: state));

        Assert.Equal(3, exchange.Source.Stratum);
        Assert.Equal(LeapIndicator.LastMinuteHas61Seconds, exchange.Source.Leap);
        Assert.Equal(new ReferenceId(0x0A000001), exchange.Source.ReferenceId);
        Assert.Equal(0.0125, exchange.Source.RootDelay, 1e-4);
        Assert.Equal(0.0375, exchange.Source.RootDispersion, 1e-4);
        Assert.Equal(exchange.SentAt.Monotonic.AddSeconds(0.0023), exchange.Source.LastResponse);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(1UL << 32)]
    [InlineData(ulong.MaxValue)]
    public void IgnoresAReplyWhoseOriginIsNotTheRequestInFlight_WithoutSideEffects(ulong originXor)
    {
        var exchange = new SourceWithServer();
        exchange.PollAndAnswer(serverError: 0.004);
        exchange.PollWhenDue();
        var afterPoll = Observe(exchange.Source);
        var stratum3 = new ServerState(LeapIndicator.NoWarning, 3, 6, -20, NtpShort.Zero, NtpShort.Zero, new ReferenceId(0x0A000001), SourceWithServer.DefaultEpoch);
        byte[] forged = exchange.Reply(serverError: 0.2, state: stratum3);
        ulong origin = NtpTimestamp.Read(forged.AsSpan(NtpHeader.OriginTimestampOffset)).Value;
        new NtpTimestamp(origin ^ originXor).Write(forged.AsSpan(NtpHeader.OriginTimestampOffset));

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(forged));

        Assert.Equal(afterPoll, Observe(exchange.Source));
        Assert.Equal(1, exchange.Source.Stratum);
        Assert.Equal(0.004, exchange.Source.Filter.Offset, 1e-6);
        Assert.Equal(ResponseOutcome.NewFilterOutput, exchange.Deliver(exchange.Reply(serverError: 0.004), afterSeconds: 0.003));
    }

    [Fact]
    public void IgnoresAReply_WhenNoRequestIsInFlight()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] reply = exchange.Reply();
        var source = new SourceWithServer().Source;

        Assert.Equal(ResponseOutcome.Ignored, source.HandleResponse(reply, exchange.At(MonotonicTime.Zero.AddSeconds(1)), ClockCorrection.None));
        Assert.Equal(0, source.Reach);
        Assert.False(source.Filter.HasOutput);
        Assert.Null(source.LastResponse);
    }

    [Fact]
    public void IgnoresASecondCopyOfAValidReply()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] reply = exchange.Reply(serverError: 0.004);
        Assert.Equal(ResponseOutcome.NewFilterOutput, exchange.Deliver(reply));
        var accepted = Observe(exchange.Source);

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(reply, afterSeconds: 0.5));

        Assert.Equal(accepted, Observe(exchange.Source));
    }

    [Fact]
    public void IgnoresAReplayOfAnEarlierReply_WhileANewRequestIsInFlight()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] old = exchange.Reply(serverError: 0.004);
        exchange.Deliver(old);
        exchange.PollWhenDue();
        var afterPoll = Observe(exchange.Source);

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(old));

        Assert.Equal(afterPoll, Observe(exchange.Source));
    }

    [Theory]
    [InlineData(NtpMode.Reserved)]
    [InlineData(NtpMode.SymmetricActive)]
    [InlineData(NtpMode.SymmetricPassive)]
    [InlineData(NtpMode.Client)]
    [InlineData(NtpMode.Broadcast)]
    [InlineData(NtpMode.Control)]
    [InlineData(NtpMode.Private)]
    public void IgnoresAReplyWhoseModeIsNotServer(NtpMode mode)
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] reply = exchange.Reply();
        byte[] wrongMode = [.. reply];
        wrongMode[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, mode);

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(wrongMode));

        Assert.Equal(0, exchange.Source.Reach);
        Assert.False(exchange.Source.Filter.HasOutput);
        Assert.Equal(ResponseOutcome.NewFilterOutput, exchange.Deliver(reply));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    public void IgnoresATruncatedReply(int length)
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] reply = exchange.Reply();

        Assert.Equal(ResponseOutcome.Ignored, exchange.Deliver(reply[..length]));

        Assert.Equal(ResponseOutcome.NewFilterOutput, exchange.Deliver(reply));
    }

    [Theory]
    [InlineData(LeapIndicator.Unsynchronized, 2)]
    [InlineData(LeapIndicator.Unsynchronized, 16)]
    [InlineData(LeapIndicator.NoWarning, 16)]
    public void MarksAReplyFromAnUnsynchronizedServer_ReachableButTakesNoSample(LeapIndicator leap, byte stratum)
    {
        var exchange = new SourceWithServer();
        var state = new ServerState(leap, stratum, 6, -20, NtpShort.Zero, NtpShort.FromSeconds(16), new ReferenceId(0x0A000001), NtpTimestamp.Zero);

        exchange.PollWhenDue();
        ResponseOutcome outcome = exchange.Deliver(exchange.Reply(serverError: 0.004, state: state));

        Assert.Equal(ResponseOutcome.Unsynchronized, outcome);
        Assert.False(exchange.Source.Filter.HasOutput);
        Assert.Equal(1, exchange.Source.Reach);
        Assert.Equal(leap, exchange.Source.Leap);
    }

    /// <summary>
    /// An unsynchronized server answers as RFC 5905 §7.3 says and as Meridian's own
    /// <see cref="Responder"/> does for <see cref="ServerState.Unsynchronized"/>: leap 3, stratum 0 on
    /// the wire, reference id INIT. That is a reachable server with no time to give, not a lost reply.
    /// </summary>
    [Fact]
    public void MarksTheRealResponderUnsynchronizedReply_WithStratum0AndInit_AsUnsynchronizedAndReachable()
    {
        var exchange = new SourceWithServer();

        exchange.PollWhenDue();
        ResponseOutcome outcome = exchange.Deliver(exchange.Reply(state: ServerState.Unsynchronized(-20)));

        Assert.Equal(ResponseOutcome.Unsynchronized, outcome);
        Assert.Equal(1, exchange.Source.Reach);
        Assert.False(exchange.Source.Filter.HasOutput);
    }

    [Fact]
    public void TakesNoSample_FromAReplyThatArrivesAfterTheServedClockWasStepped()
    {
        var exchange = new SourceWithServer();
        exchange.PollWhenDue();
        byte[] reply = exchange.Reply(serverError: 0.005);
        exchange.Correction = new ClockCorrection(exchange.SentAt.Monotonic.AddSeconds(0.001), 0.5, 0, 0, exchange.SentAt.Monotonic.AddSeconds(0.001), 1);

        ResponseOutcome outcome = exchange.Deliver(reply);

        Assert.NotEqual(ResponseOutcome.NewFilterOutput, outcome);
        Assert.False(exchange.Source.Filter.HasOutput);
        Assert.Equal(ResponseOutcome.NewFilterOutput, exchange.PollAndAnswer(serverError: 0.005));
        Assert.Equal(0.005 - 0.5, exchange.Source.Filter.Offset, 1e-6);
    }

    /// <summary>Everything a reply could change, for before/after comparisons.</summary>
    private static object Observe(UpstreamSource s) =>
        (s.Reach, s.Stratum, s.Leap, s.ReferenceId, s.LastResponse, s.RootDelay, s.RootDispersion,
         (s.Filter.HasOutput, s.Filter.Offset, s.Filter.Delay, s.Filter.OutputTime, s.Filter.IsFull),
         (s.NextPoll, s.Poll, s.Denied));
}
