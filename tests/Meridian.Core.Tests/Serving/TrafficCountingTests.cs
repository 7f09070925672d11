using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>What `meridian traffic` reads from a running server: wire bytes both ways and distinct clients.</summary>
public class TrafficCountingTests
{
    [Fact]
    public void EveryDatagramReceived_CountsItsLengthPlusIPv4AndUdpHeaders_ServedOrDropped()
    {
        var harness = new ServingHarness();

        harness.Serve(Requests.Client());
        harness.Serve(Requests.Client(length: 68));
        harness.Serve(Requests.Client(mode: NtpMode.Control, length: 12));

        Assert.Equal(3, harness.Counters.Received);
        Assert.Equal((48 + 28) + (68 + 28) + (12 + 28), harness.Counters.BytesReceived);
    }

    [Fact]
    public void EveryReplySent_CountsItsLengthPlusHeaders_AndDropsSendNothing()
    {
        var harness = new ServingHarness();

        byte[]? plain = harness.Serve(Requests.Client());
        byte[]? withExtension = harness.Serve(Requests.WithExtensionFields([(0x0F00, 28)]));
        harness.Serve(Requests.Client(mode: NtpMode.Private, length: 192));

        Assert.Equal(2, harness.Counters.Served);
        Assert.Equal((plain!.Length + 28) + (withExtension!.Length + 28), harness.Counters.BytesSent);
    }

    [Fact]
    public void AnIPv6Loop_CountsFortyEightBytesOfHeaders()
    {
        var harness = new ServingHarness(ServingPolicy.Open(), new ServingCounters(ServingCounters.IPv6UdpOverhead));

        harness.Serve(Requests.Client());

        Assert.Equal(48 + 48, harness.Counters.BytesReceived);
        Assert.Equal(48 + 48, harness.Counters.BytesSent);
    }

    [Fact]
    public void DistinctClients_CountSourceAddressesNotPorts_IncludingDroppedOnes()
    {
        var harness = new ServingHarness();

        harness.Serve(Requests.Client(), NetEndpoint.FromIPv4(0xC6336401, 1000));
        harness.Serve(Requests.Client(), NetEndpoint.FromIPv4(0xC6336401, 2000));
        harness.Serve(Requests.Client(mode: NtpMode.Private), NetEndpoint.FromIPv4(0xC6336402, 1000));

        Assert.Equal(UniqueCount.Exact(2), UniqueClientCounter.Merge([harness.Counters.Clients]));
    }
}
