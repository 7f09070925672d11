namespace Meridian.Protocol.Tests;

public class NtpTimestampWireTests
{
    [Fact]
    public void WritesBigEndianBytes()
    {
        var buffer = new byte[8];

        new NtpTimestamp(0x0102_0304_0506_0708).Write(buffer);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, buffer);
    }

    [Fact]
    public void WritesTheUnixEpochPlusHalfASecond_AsItsWireBytes()
    {
        var buffer = new byte[8];

        NtpTimestamp.FromUnixTime(0, 500_000_000).Write(buffer);

        Assert.Equal(new byte[] { 0x83, 0xAA, 0x7E, 0x80, 0x80, 0x00, 0x00, 0x00 }, buffer);
    }

    [Fact]
    public void ReadsBigEndianBytes_FromTheStartOfALongerSpan()
    {
        byte[] bytes = [0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x11, 0x22, 0x33, 0x99, 0x99];

        var timestamp = NtpTimestamp.Read(bytes);

        Assert.Equal(0xDEAD_BEEF_0011_2233ul, timestamp.Value);
        Assert.Equal(0xDEAD_BEEFu, timestamp.Seconds);
        Assert.Equal(0x0011_2233u, timestamp.Fraction);
    }

    [Fact]
    public void WritesOnlyItsEightBytes()
    {
        var buffer = new byte[10];
        buffer[8] = 0x55;
        buffer[9] = 0x66;

        new NtpTimestamp(ulong.MaxValue).Write(buffer);

        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x55, 0x66 }, buffer);
    }

    [Fact]
    public void PrintsSecondsAndFraction_InHex()
    {
        Assert.Equal("83aa7e80.80000000", NtpTimestamp.FromUnixTime(0, 500_000_000).ToString());
    }
}
