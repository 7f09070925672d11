using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.RateLimiting;
using Meridian.Core.Tests.Serving;

namespace Meridian.Core.Tests.Access;

/// <summary>Serving policy P5 on the serving path: what the access list denies is dropped and counted, before any other state.</summary>
public class AccessDeniedServingTests
{
    [Theory]
    [InlineData(AccessFlags.Ignore)]
    [InlineData(AccessFlags.NoServe)]
    [InlineData(AccessFlags.Ignore | AccessFlags.NoServe)]
    [InlineData(AccessFlags.NoServe | AccessFlags.Limited | AccessFlags.Kod)]
    [InlineData(AccessFlags.Ignore | AccessFlags.Kod)]
    public void DropsASource_WhoseRuleSaysIgnoreOrNoServe(AccessFlags flags)
    {
        var harness = new ServingHarness(Policies.Create(
            AccessFlags.Limited | AccessFlags.Kod,
            rules: [Addresses.Rule("192.0.2.0/24", flags), Addresses.Rule("2001:db8:bad::/48", flags)]));

        Assert.Null(harness.Serve(Requests.Client(), ServingHarness.Client));
        Assert.Null(harness.Serve(Requests.Client(), Addresses.Parse("2001:db8:bad:1::7")));

        Assert.Equal(2, harness.Counters.Dropped(DropReason.AccessDenied));
        Assert.Equal(0, harness.Counters.KodsSent);
        Assert.NotNull(harness.Serve(Requests.Client(), Addresses.Parse("198.51.100.1")));
        Assert.NotNull(harness.Serve(Requests.Client(), Addresses.Parse("2001:db8:600d::1")));
    }

    [Fact]
    public void DropsEveryRequestOfADeniedSource_EvenTheFirst()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.NoServe));

        for (int i = 0; i < 100; i++)
        {
            Assert.Null(harness.Serve(Requests.Client(), now: Limiters.At(i * 60)));
        }

        Assert.Equal(100, harness.Counters.Dropped(DropReason.AccessDenied));
        Assert.Equal(100, harness.Counters.Received);
    }

    [Fact]
    public void AnswersAnAddressExemptedInsideADeniedNetwork()
    {
        var harness = new ServingHarness(Policies.Create(
            AccessFlags.None,
            rules: [Addresses.Rule("192.0.2.0/24", AccessFlags.NoServe), Addresses.Rule("192.0.2.7/32", AccessFlags.None)]));

        Assert.NotNull(harness.Serve(Requests.Client(), Addresses.Parse("192.0.2.7")));
        Assert.Null(harness.Serve(Requests.Client(), Addresses.Parse("192.0.2.8")));
    }

    [Fact]
    public void DeniesAV4MappedIPv6Source_ByItsIPv4Rule()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.None, rules: [Addresses.Rule("192.0.2.1/32", AccessFlags.Ignore)]));
        byte[] mapped = Convert.FromHexString("00000000000000000000ffffc0000201");

        Assert.Null(harness.Serve(Requests.Client(), NetEndpoint.FromIPv6(mapped, 40123)));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.AccessDenied));
    }

    [Fact]
    public void KeepsNoRateStateAndSpendsNoBudget_ForDeniedSources()
    {
        var policy = Policies.Create(AccessFlags.Limited, budget: new GlobalBudget(1), rules: [Addresses.Rule("192.0.2.0/24", AccessFlags.Ignore)]);
        var harness = new ServingHarness(policy);

        for (uint i = 1; i < 255; i++)
        {
            Assert.Null(harness.Serve(Requests.Client(), NetEndpoint.FromIPv4(0xC0000200 + i, 40123)));
        }

        Assert.Equal(0, policy.Limiter!.Table.Occupancy);
        Assert.NotNull(harness.Serve(Requests.Client(), Addresses.Parse("198.51.100.1")));
        Assert.Equal(254, harness.Counters.Dropped(DropReason.AccessDenied));
        Assert.Equal(0, harness.Counters.Dropped(DropReason.GlobalBudget));
    }
}
