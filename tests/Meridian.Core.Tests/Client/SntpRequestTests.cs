using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Client;

/// <summary>RFC 9109 data minimization: a request carries the version, the mode and a random transmit timestamp, nothing else.</summary>
public class SntpRequestTests
{
    [Theory]
    [InlineData(0x0123_4567_89ab_cdefUL)]
    [InlineData(ulong.MaxValue)]
    public void Request_SetsOnlyTheFirstByteAndTheRandomTransmitTimestamp(ulong random)
    {
        SntpRequest request = SntpRequest.Create(random);

        Assert.Equal(NtpHeader.Size, request.Packet.Length);
        Assert.Equal(0x23, request.Packet[0]); // LI 0, VN 4, mode 3
        Assert.All(request.Packet[1..NtpHeader.TransmitTimestampOffset], b => Assert.Equal(0, b));
        Assert.Equal(random, NtpTimestamp.Read(request.Packet.AsSpan(NtpHeader.TransmitTimestampOffset)).Value);
        Assert.Equal(random, request.Transmit.Value);
    }

    [Fact]
    public void Request_NeverCarriesAZeroTransmitTimestamp()
    {
        Assert.Equal(1UL, SntpRequest.Create(0).Transmit.Value);
    }
}
