namespace Meridian.Protocol.Tests;

public class NtpHeaderBoundsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(47)]
    public void TryRead_FailsOnFewerThan48Bytes(int length)
    {
        bool read = NtpHeader.TryRead(NtpHeaderSamples.ServerResponseBytes.AsSpan(0, length), out NtpHeader header);

        Assert.False(read);
        Assert.Equal(default, header);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(47)]
    public void TryWrite_FailsOnASpanShorterThan48Bytes_WithoutWriting(int length)
    {
        var buffer = new byte[length];

        Assert.False(NtpHeaderSamples.ServerResponse.TryWrite(buffer));

        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryWrite_LeavesBytesAfterTheHeaderAlone()
    {
        var buffer = new byte[NtpHeader.Size + 4];
        buffer.AsSpan(NtpHeader.Size).Fill(0x5A);

        Assert.True(NtpHeaderSamples.ServerResponse.TryWrite(buffer));

        Assert.Equal(new byte[] { 0x5A, 0x5A, 0x5A, 0x5A }, buffer[NtpHeader.Size..]);
    }
}
