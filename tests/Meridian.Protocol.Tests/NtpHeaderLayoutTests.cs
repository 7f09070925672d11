namespace Meridian.Protocol.Tests;

public class NtpHeaderLayoutTests
{
    [Fact]
    public void WritesEveryFieldAtItsRfc5905Offset()
    {
        var buffer = new byte[NtpHeader.Size];

        Assert.True(NtpHeaderSamples.ServerResponse.TryWrite(buffer));

        Assert.Equal(Convert.ToHexString(NtpHeaderSamples.ServerResponseBytes), Convert.ToHexString(buffer));
    }

    [Fact]
    public void ReadsEveryFieldFromItsRfc5905Offset()
    {
        Assert.True(NtpHeader.TryRead(NtpHeaderSamples.ServerResponseBytes, out NtpHeader header));

        Assert.Equal(NtpHeaderSamples.ServerResponse, header);
    }

    [Theory]
    [InlineData(LeapIndicator.NoWarning, 4, NtpMode.Client, 0x23)]
    [InlineData(LeapIndicator.Unsynchronized, 4, NtpMode.Server, 0xE4)]
    [InlineData(LeapIndicator.NoWarning, 3, NtpMode.Client, 0x1B)]
    [InlineData(LeapIndicator.LastMinuteHas61Seconds, 4, NtpMode.Server, 0x64)]
    [InlineData(LeapIndicator.LastMinuteHas59Seconds, 4, NtpMode.Server, 0xA4)]
    [InlineData(LeapIndicator.NoWarning, 0, NtpMode.Reserved, 0x00)]
    [InlineData(LeapIndicator.Unsynchronized, 7, NtpMode.Private, 0xFF)]
    [InlineData(LeapIndicator.NoWarning, 2, NtpMode.Control, 0x16)]
    public void PacksLeapVersionAndModeIntoTheFirstByte(LeapIndicator leap, byte version, NtpMode mode, byte firstByte)
    {
        var buffer = new byte[NtpHeader.Size];
        var header = NtpHeaderSamples.ServerResponse with { Leap = leap, Version = version, Mode = mode };

        Assert.True(header.TryWrite(buffer));

        Assert.Equal(firstByte, buffer[0]);
        Assert.Equal(firstByte, NtpHeader.EncodeFirstByte(leap, version, mode));
        Assert.Equal(leap, NtpHeader.ReadLeap(buffer));
        Assert.Equal(version, NtpHeader.ReadVersion(buffer));
        Assert.Equal(mode, NtpHeader.ReadMode(buffer));
    }

    [Fact]
    public void ReadsLeapVersionAndMode_FromOnlyTheFirstByte()
    {
        byte[] packet = [0x23];

        Assert.Equal(LeapIndicator.NoWarning, NtpHeader.ReadLeap(packet));
        Assert.Equal(4, NtpHeader.ReadVersion(packet));
        Assert.Equal(NtpMode.Client, NtpHeader.ReadMode(packet));
    }
}
