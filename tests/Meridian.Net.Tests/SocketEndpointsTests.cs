using System.Net;
using System.Net.Sockets;
using Meridian.Core;

namespace Meridian.Net.Tests;

public class SocketEndpointsTests
{
    [Theory]
    [InlineData("192.0.2.1", 40123, "192.0.2.1:40123")]
    [InlineData("::ffff:192.0.2.1", 123, "192.0.2.1:123")]
    public void ReadsNativeSocketAddresses_NormalizingV4Mapped(string address, int port, string expected)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);

        Assert.True(SocketEndpoints.TryRead(endPoint.Serialize(), out NetEndpoint read));

        Assert.Equal(expected, read.ToString());
        Assert.Equal(SocketEndpoints.FromIPEndPoint(endPoint), read);
    }

    [Fact]
    public void ReadsAnIPv6SocketAddress()
    {
        var endPoint = new IPEndPoint(IPAddress.Parse("2001:db8::1"), 50000);

        Assert.True(SocketEndpoints.TryRead(endPoint.Serialize(), out NetEndpoint read));

        Assert.False(read.IsIPv4);
        Assert.Equal(50000, read.Port);
        Span<byte> bytes = stackalloc byte[16];
        Assert.Equal(16, read.WriteAddress(bytes));
        Assert.Equal(IPAddress.Parse("2001:db8::1").GetAddressBytes(), bytes.ToArray());
    }

    [Fact]
    public void RejectsOtherAddressFamilies()
    {
        var unix = new SocketAddress(AddressFamily.Unix, 110);

        Assert.False(SocketEndpoints.TryRead(unix, out _));
    }
}
