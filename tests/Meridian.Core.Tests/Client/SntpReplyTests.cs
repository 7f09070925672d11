using Meridian.Core.Client;
using Meridian.Protocol;
using static Meridian.Core.Tests.Client.Replies;

namespace Meridian.Core.Tests.Client;

/// <summary>Reply validation and the offset/delay arithmetic of RFC 5905 §8.</summary>
public class SntpReplyTests
{
    [Fact]
    public void ValidReply_GivesOffsetAndDelay_ComputedByHand()
    {
        // T1 = 0, T2 = 60 ms, T3 = 61 ms, T4 = 11 ms:
        // θ = ((60 − 0) + (61 − 11)) / 2 = 55 ms; δ = (11 − 0) − (61 − 60) = 10 ms.
        SntpResult result = SntpReply.Evaluate(Bytes(Header()), Cookie, T1, T4);

        Assert.Equal(SntpStatus.Valid, result.Status);
        Assert.Equal(0.055, result.Offset, 9);
        Assert.Equal(0.010, result.Delay, 9);
        Assert.Equal(1, result.Stratum);
        Assert.Equal("GPS", result.ReferenceText);
        Assert.Equal(LeapIndicator.NoWarning, result.Leap);
        Assert.Equal(T4, result.ReceivedAt);
    }

    [Fact]
    public void Distance_IsHalfTheRootDelayAndDelay_PlusRootDispersion_Precision_AndPhiTimesDelay()
    {
        SntpResult result = SntpReply.Evaluate(Bytes(Header()), Cookie, T1, T4);

        double rootDelay = NtpShort.FromSeconds(0.002).ToSeconds(), rootDispersion = NtpShort.FromSeconds(0.003).ToSeconds();
        Assert.Equal((rootDelay + 0.010) / 2 + rootDispersion + Math.ScaleB(1, -20) + 15e-6 * 0.010, result.Distance, 9);
    }

    [Fact]
    public void NegativeOffset_WhenTheServerIsBehind()
    {
        // The server is 1.5 s behind: T2 = T1 − 1.5 s + 5 ms, T3 = T2 + 1 ms, T4 = T1 + 11 ms.
        NtpHeader header = Header() with { ReceiveTimestamp = At(-1_495_000_000), TransmitTimestamp = At(-1_494_000_000) };

        SntpResult result = SntpReply.Evaluate(Bytes(header), Cookie, T1, T4);

        Assert.Equal(-1.5, result.Offset, 9);
        Assert.Equal(0.010, result.Delay, 9);
    }

    [Fact]
    public void Delay_IsNeverNegative()
    {
        NtpHeader header = Header() with { TransmitTimestamp = At(80_000_000) }; // the server held it 20 ms, the round trip took 11 ms

        Assert.Equal(0, SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).Delay);
    }

    [Fact]
    public void OriginMismatch_IsRejected()
    {
        NtpHeader header = Header() with { OriginTimestamp = new NtpTimestamp(Cookie.Value + 1) };

        Assert.Equal(SntpStatus.OriginMismatch, SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).Status);
    }

    [Theory]
    [InlineData(NtpMode.Client, 4)]
    [InlineData(NtpMode.Broadcast, 4)]
    [InlineData(NtpMode.SymmetricPassive, 4)]
    [InlineData(NtpMode.Server, 0)]
    [InlineData(NtpMode.Server, 5)]
    public void WrongModeOrVersion_IsRejected(NtpMode mode, byte version)
    {
        NtpHeader header = Header() with { Mode = mode, Version = version };

        Assert.Equal(SntpStatus.WrongMode, SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(47)]
    public void ShortReply_IsRejected(int length)
    {
        Assert.Equal(SntpStatus.TooShort, SntpReply.Evaluate(Bytes(Header(), length), Cookie, T1, T4).Status);
    }

    [Fact]
    public void LongerReply_WithExtensionFields_IsAccepted()
    {
        Assert.Equal(SntpStatus.Valid, SntpReply.Evaluate(Bytes(Header(), 68), Cookie, T1, T4).Status);
    }

    [Theory]
    [InlineData("RATE")]
    [InlineData("DENY")]
    [InlineData("RSTR")]
    [InlineData("INIT")]
    [InlineData("STEP")]
    public void Stratum0_IsAKiss_ReportedByName(string code)
    {
        NtpHeader header = Header() with { Stratum = 0, ReferenceId = ReferenceId.FromAscii(code) };

        SntpResult result = SntpReply.Evaluate(Bytes(header), Cookie, T1, T4);

        Assert.Equal(SntpStatus.Kiss, result.Status);
        Assert.Equal(code, result.Kiss);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void KissWithUnprintableCode_IsNamedInHex()
    {
        NtpHeader header = Header() with { Stratum = 0, ReferenceId = new ReferenceId(0x01020304) };

        Assert.Equal("0x01020304", SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).Kiss);
    }

    [Theory]
    [InlineData(LeapIndicator.Unsynchronized, 1)]
    [InlineData(LeapIndicator.NoWarning, 16)]
    [InlineData(LeapIndicator.NoWarning, 255)]
    public void Leap3OrStratum16AndAbove_IsUnsynchronized(LeapIndicator leap, byte stratum)
    {
        NtpHeader header = Header() with { Leap = leap, Stratum = stratum };

        SntpResult result = SntpReply.Evaluate(Bytes(header), Cookie, T1, T4);

        Assert.Equal(SntpStatus.Unsynchronized, result.Status);
        Assert.Null(result.Kiss);
    }

    [Fact]
    public void ZeroTransmitTimestamp_IsRejected()
    {
        NtpHeader header = Header() with { TransmitTimestamp = NtpTimestamp.Zero };

        Assert.Equal(SntpStatus.ZeroTransmit, SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).Status);
    }

    [Theory]
    [InlineData(2, 0xC0000201u, "192.0.2.1")]
    [InlineData(2, 0x4C4F434Cu, "76.79.67.76")]
    [InlineData(1, 0x4C4F434Cu, "LOCL")]
    public void ReferenceText_IsAsciiUpToStratum1_AndADottedQuadAbove(byte stratum, uint refid, string expected)
    {
        NtpHeader header = Header() with { Stratum = stratum, ReferenceId = new ReferenceId(refid) };

        Assert.Equal(expected, SntpReply.Evaluate(Bytes(header), Cookie, T1, T4).ReferenceText);
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        byte[] packet = new byte[64];
        for (int i = 0; i < 10_000; i++)
        {
            random.NextBytes(packet);
            int length = random.Next(packet.Length + 1);
            var exception = Record.Exception(() => SntpReply.Evaluate(packet.AsSpan(0, length), Cookie, T1, T4));
            Assert.True(exception is null, $"seed {seed}, iteration {i}: {exception}");
        }
    }
}
