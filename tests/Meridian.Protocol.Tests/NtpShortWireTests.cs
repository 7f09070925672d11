namespace Meridian.Protocol.Tests;

public class NtpShortWireTests
{
    [Fact]
    public void WritesBigEndianBytes()
    {
        var buffer = new byte[6];
        buffer[4] = 0x77;

        new NtpShort(0x0102_0304).Write(buffer);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 0x77, 0 }, buffer);
    }

    [Fact]
    public void ReadsBigEndianBytes_FromTheStartOfALongerSpan()
    {
        byte[] bytes = [0x00, 0x01, 0x80, 0x00, 0xFF];

        Assert.Equal(new NtpShort(0x0001_8000), NtpShort.Read(bytes));
        Assert.Equal(1.5, NtpShort.Read(bytes).ToSeconds());
    }

    [Fact]
    public void PrintsSeconds_WithSixDecimals()
    {
        Assert.Equal("1.500000", new NtpShort(0x0001_8000).ToString());
    }
}
