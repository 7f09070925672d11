namespace Meridian.Protocol.Tests;

public class NtpHeaderRoundTripTests
{
    public static TheoryData<LeapIndicator, byte, NtpMode> FirstByteCombinations()
    {
        var data = new TheoryData<LeapIndicator, byte, NtpMode>();
        foreach (LeapIndicator leap in Enum.GetValues<LeapIndicator>())
        {
            for (byte version = 0; version <= 7; version++)
            {
                foreach (NtpMode mode in Enum.GetValues<NtpMode>())
                {
                    data.Add(leap, version, mode);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FirstByteCombinations))]
    public void RoundTripsEveryLeapVersionAndMode(LeapIndicator leap, byte version, NtpMode mode)
    {
        var header = NtpHeaderSamples.ServerResponse with { Leap = leap, Version = version, Mode = mode };
        var buffer = new byte[NtpHeader.Size];

        Assert.True(header.TryWrite(buffer));
        Assert.True(NtpHeader.TryRead(buffer, out NtpHeader back));

        Assert.Equal(header, back);
    }

    [Theory]
    [InlineData((byte)0, (sbyte)-128, (sbyte)-128, 0u, 0u, 0u, 0ul)]
    [InlineData((byte)255, (sbyte)127, (sbyte)127, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, ulong.MaxValue)]
    [InlineData((byte)16, (sbyte)-1, (sbyte)-29, 0x8000_0000u, 0x0000_0001u, 0x7F00_0001u, 0x8000_0000_0000_0001ul)]
    public void RoundTripsExtremeFieldValues(byte stratum, sbyte poll, sbyte precision, uint rootDelay, uint rootDispersion, uint referenceId, ulong timestamp)
    {
        var header = new NtpHeader(
            LeapIndicator.LastMinuteHas59Seconds,
            4,
            NtpMode.Server,
            stratum,
            poll,
            precision,
            new NtpShort(rootDelay),
            new NtpShort(rootDispersion),
            new ReferenceId(referenceId),
            new NtpTimestamp(timestamp),
            new NtpTimestamp(~timestamp),
            new NtpTimestamp(timestamp ^ 0x0F0F_0F0F_0F0F_0F0F),
            new NtpTimestamp(timestamp + 1));
        var buffer = new byte[NtpHeader.Size];

        Assert.True(header.TryWrite(buffer));
        Assert.True(NtpHeader.TryRead(buffer, out NtpHeader back));

        Assert.Equal(header, back);
        Assert.Equal((byte)poll, buffer[NtpHeader.PollOffset]);
        Assert.Equal((byte)precision, buffer[NtpHeader.PrecisionOffset]);
    }

    [Fact]
    public void ReadsTheFirst48Bytes_OfALongerDatagram()
    {
        var datagram = new byte[NtpHeader.Size + 28];
        NtpHeaderSamples.ServerResponseBytes.CopyTo(datagram, 0);
        datagram.AsSpan(NtpHeader.Size).Fill(0xAB);

        Assert.True(NtpHeader.TryRead(datagram, out NtpHeader header));

        Assert.Equal(NtpHeaderSamples.ServerResponse, header);
    }
}
