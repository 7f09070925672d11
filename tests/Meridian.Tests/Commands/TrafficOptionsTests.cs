using System.Net;
using Meridian.Commands.Traffic;

namespace Meridian.Tests.Commands;

/// <summary><c>meridian traffic</c>'s values, checked before a capture is opened or the server asked.</summary>
public class TrafficOptionsTests
{
    [Theory]
    [InlineData(-0.01, 0)]
    [InlineData(0.12, -1)]
    [InlineData(0.12, 3601)]
    public void TryCreate_RefusesANegativePrice_OrASampleOutOfRange(double price, double sample)
    {
        Assert.Null(TrafficOptions.TryCreate(null, 123, null, price, json: false, sample, out string problem));
        Assert.Equal("--price-per-gb must not be negative and --sample must be 0 to 3600 seconds", problem);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(65536, null)]
    [InlineData(123, "ntp.example")]
    public void TryCreate_RefusesABadPortOrServer_ForACapture(int port, string? server)
    {
        Assert.Null(TrafficOptions.TryCreate("dump.pcap", port, server, 0.12, json: false, 0, out string problem));
        Assert.Equal("--port must be 1-65535, --server an IP address and --price-per-gb not negative", problem);
    }

    [Fact]
    public void TryCreate_ParsesTheServerAddress_OfACapture()
    {
        TrafficOptions options = TrafficOptions.TryCreate("dump.pcap", 1123, "2001:db8::7", 0.09, json: true, 0, out string problem)!;

        Assert.Equal("", problem);
        Assert.Equal(new TrafficOptions("dump.pcap", 1123, IPAddress.Parse("2001:db8::7"), 0.09, true, 0), options);
    }

    [Fact]
    public void TryCreate_IgnoresThePort_InLiveMode()
    {
        // The running server's listen addresses say the port; --port only selects packets in a capture.
        Assert.NotNull(TrafficOptions.TryCreate(null, 0, null, 0.12, json: false, 10, out _));
    }
}
