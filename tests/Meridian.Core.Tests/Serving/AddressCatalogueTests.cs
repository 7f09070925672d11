using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Serving;

/// <summary>Serving policy catalogue F and rule P6: which source and destination addresses are answered.</summary>
public class AddressCatalogueTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(19)]
    [InlineData(123)]
    [InlineData(1024)]
    [InlineData(65535)]
    public void AnswersAForeignClient_FromAnyNonZeroSourcePort(ushort port)
    {
        var harness = new ServingHarness();

        Assert.NotNull(harness.Serve(Requests.Client(), ServingHarness.Client with { Port = port }));
    }

    [Fact]
    public void DropsSourcePortZero()
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.Client(), ServingHarness.Client with { Port = 0 }));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.SourcePortZero));
    }

    public static TheoryData<string, NetEndpoint> InvalidSources() => new()
    {
        { "0.0.0.0", NetEndpoint.FromIPv4(0, 40000) },
        { "255.255.255.255", NetEndpoint.FromIPv4(0xFFFFFFFF, 40000) },
        { "224.0.1.1", NetEndpoint.FromIPv4(0xE0000101, 40000) },
        { "239.255.255.250", NetEndpoint.FromIPv4(0xEFFFFFFA, 40000) },
        { "::", NetEndpoint.FromIPv6(new byte[16], 40000) },
        { "ff02::101", NetEndpoint.FromIPv6(Convert.FromHexString("ff020000000000000000000000000101"), 40000) },
        { "::ffff:224.0.1.1", NetEndpoint.FromIPv6(Convert.FromHexString("00000000000000000000ffffe0000101"), 40000) },
    };

    [Theory]
    [MemberData(nameof(InvalidSources))]
    public void DropsUnspecifiedBroadcastAndMulticastSources(string address, NetEndpoint source)
    {
        var harness = new ServingHarness();

        Assert.True(harness.Serve(Requests.Client(), source) is null, address);
        Assert.Equal(1, harness.Counters.Dropped(DropReason.SourceAddressInvalid));
    }

    [Theory]
    [InlineData(0xE0000101u)]
    [InlineData(0xFFFFFFFFu)]
    public void DropsRequestsSentToABroadcastOrMulticastDestination(uint destination)
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.Client(), destination: NetEndpoint.FromIPv4(destination, 123)));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.DestinationNotUnicast));
    }

    [Fact]
    public void DropsTheServersOwnAddressWithSourcePort123()
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.Client(), ServingHarness.Server with { Port = 123 }));
        Assert.NotNull(harness.Serve(Requests.Client(), ServingHarness.Server with { Port = 40000 }));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.SourceIsServer));
    }

    [Fact]
    public void DropsAnyLocalAddressWithSourcePort123_OnAWildcardSocket()
    {
        var otherLocal = NetEndpoint.FromIPv4(0x0A000001, 0);
        var harness = new ServingHarness(null, otherLocal);
        var wildcard = NetEndpoint.FromIPv4(0, 123);

        Assert.Null(harness.Serve(Requests.Client(), otherLocal with { Port = 123 }, wildcard));
        Assert.NotNull(harness.Serve(Requests.Client(), ServingHarness.Client with { Port = 123 }, wildcard));
    }

    [Fact]
    public void TreatsAnIPv4MappedIPv6Source_AsTheIPv4Client()
    {
        byte[] mapped = Convert.FromHexString("00000000000000000000ffffc0000201");

        var viaIPv6 = NetEndpoint.FromIPv6(mapped, 40123);

        Assert.Equal(ServingHarness.Client, viaIPv6);
        Assert.True(viaIPv6.IsIPv4);
        Assert.Equal("192.0.2.1:40123", viaIPv6.ToString());
    }

    [Fact]
    public void KeepsANativeIPv6Source_DistinctFromIPv4()
    {
        var ipv6 = NetEndpoint.FromIPv6(Convert.FromHexString("20010db8000000000000000000000001"), 40123);

        Assert.False(ipv6.IsIPv4);
        Assert.NotEqual(ServingHarness.Client, ipv6);
    }

    [Fact]
    public void DropsALoopbackSource_ArrivingOnAnotherInterface()
    {
        var harness = new ServingHarness();
        var loopback = NetEndpoint.FromIPv4(0x7F000001, 40123);
        var destination = NetEndpoint.FromIPv4(0xC0000202, 123);

        Assert.Null(harness.Serve(Requests.Client(), loopback, destination, offLoopback: true));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.SourceAddressInvalid));
        Assert.NotNull(harness.Serve(Requests.Client(), loopback, destination, offLoopback: false));
        Assert.NotNull(harness.Serve(Requests.Client(), ServingHarness.Client, destination, offLoopback: true));
    }
}
