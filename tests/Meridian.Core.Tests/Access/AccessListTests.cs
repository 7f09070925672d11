using Meridian.Core.Access;
using Meridian.Core.Tests.RateLimiting;

namespace Meridian.Core.Tests.Access;

/// <summary>Serving policy P5: restrict semantics of the access list, for IPv4 and IPv6.</summary>
public class AccessListTests
{
    private const AccessFlags KodLimited = AccessFlags.Kod | AccessFlags.Limited;

    private static readonly AccessRule[] NestedRules =
    [
        Addresses.Rule("0.0.0.0/0", KodLimited),
        Addresses.Rule("192.0.2.0/24", AccessFlags.NoServe),
        Addresses.Rule("192.0.2.7/32", AccessFlags.None),
    ];

    [Theory]
    [InlineData("192.0.2.7", AccessFlags.None)]
    [InlineData("192.0.2.6", AccessFlags.NoServe)]
    [InlineData("192.0.2.0", AccessFlags.NoServe)]
    [InlineData("192.0.2.255", AccessFlags.NoServe)]
    [InlineData("192.0.3.7", KodLimited)]
    [InlineData("198.51.100.1", KodLimited)]
    [InlineData("::ffff:192.0.2.7", AccessFlags.None)]
    [InlineData("::ffff:192.0.2.8", AccessFlags.NoServe)]
    public void AppliesTheMostSpecificMatchingRule(string source, AccessFlags expected)
    {
        var access = new AccessList(NestedRules);

        Assert.Equal(expected, access.Lookup(Addresses.Parse(source)));
    }

    [Fact]
    public void AppliesTheMostSpecificMatchingRule_WhateverTheOrderOfTheRules()
    {
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (int[] order in orders)
        {
            var access = new AccessList(order.Select(i => NestedRules[i]));
            string label = string.Join(",", order);

            Assert.True(access.Lookup(Addresses.Parse("192.0.2.7")) == AccessFlags.None, label);
            Assert.True(access.Lookup(Addresses.Parse("192.0.2.8")) == AccessFlags.NoServe, label);
            Assert.True(access.Lookup(Addresses.Parse("203.0.113.1")) == KodLimited, label);
        }
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.254")]
    [InlineData("::ffff:198.51.100.9")]
    public void DoesNotApplyAnIPv6Default_ToIPv4Sources(string source)
    {
        var access = new AccessList([Addresses.Rule("::/0", AccessFlags.Ignore)]);

        Assert.Equal(AccessFlags.None, access.Lookup(Addresses.Parse(source)));
        Assert.Equal(AccessFlags.Ignore, access.Lookup(Addresses.Parse("2001:db8::1")));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::c000:201")]
    [InlineData("fe80::1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")]
    public void DoesNotApplyAnIPv4Default_ToIPv6Sources(string source)
    {
        var access = new AccessList([Addresses.Rule("0.0.0.0/0", AccessFlags.Ignore)]);

        Assert.Equal(AccessFlags.None, access.Lookup(Addresses.Parse(source)));
        Assert.Equal(AccessFlags.Ignore, access.Lookup(Addresses.Parse("192.0.2.1")));
    }

    [Fact]
    public void KeepsSeparateDefaults_ForIPv4AndIPv6()
    {
        var access = new AccessList(
        [
            Addresses.Rule("0.0.0.0/0", AccessFlags.Limited),
            Addresses.Rule("::/0", KodLimited),
        ]);

        Assert.Equal(AccessFlags.Limited, access.Lookup(Addresses.Parse("192.0.2.1")));
        Assert.Equal(KodLimited, access.Lookup(Addresses.Parse("2001:db8::1")));
    }

    [Theory]
    [InlineData("::ffff:192.0.2.1", AccessFlags.NoServe)]
    [InlineData("::ffff:192.0.3.1", AccessFlags.Limited)]
    [InlineData("::ffff:0.0.0.1", AccessFlags.Limited)]
    public void UsesTheIPv4Rules_ForAV4MappedIPv6Source(string source, AccessFlags expected)
    {
        var access = new AccessList(
        [
            Addresses.Rule("0.0.0.0/0", AccessFlags.Limited),
            Addresses.Rule("192.0.2.0/24", AccessFlags.NoServe),
            Addresses.Rule("::/0", AccessFlags.Ignore),
            Addresses.Rule("::/96", AccessFlags.Kod),
        ]);
        byte[] mapped = System.Net.IPAddress.Parse(source).GetAddressBytes();

        Assert.Equal(16, mapped.Length);
        Assert.Equal(expected, access.Lookup(NetEndpoint.FromIPv6(mapped, 40123)));
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    public void ReturnsNone_WhenNoRuleMatches(string source)
    {
        var empty = new AccessList([]);
        var elsewhere = new AccessList(
        [
            Addresses.Rule("198.51.100.0/24", AccessFlags.Ignore),
            Addresses.Rule("2001:db8:ffff::/48", AccessFlags.Ignore),
        ]);

        Assert.Equal(AccessFlags.None, empty.Lookup(Addresses.Parse(source)));
        Assert.Equal(AccessFlags.None, AccessList.Unrestricted.Lookup(Addresses.Parse(source)));
        Assert.Equal(AccessFlags.None, elsewhere.Lookup(Addresses.Parse(source)));
    }

    [Theory]
    [InlineData("0.0.0.0", 0)]
    [InlineData("128.0.0.0", 1)]
    [InlineData("10.0.0.0", 8)]
    [InlineData("192.0.2.0", 24)]
    [InlineData("192.0.2.6", 31)]
    [InlineData("192.0.2.7", 32)]
    [InlineData("::", 0)]
    [InlineData("8000::", 1)]
    [InlineData("2001:db8:42::", 48)]
    [InlineData("2001:db8:42:fffe::", 63)]
    [InlineData("2001:db8:42:7::", 64)]
    [InlineData("2001:db8:42:7:8000::", 65)]
    [InlineData("2001:db8:42:7::1:2:4", 127)]
    [InlineData("2001:db8:42:7::1:2:3", 128)]
    public void MatchesExactlyTheAddressesInsideThePrefix(string network, int prefixLength)
    {
        var access = new AccessList([Addresses.Rule($"{network}/{prefixLength}", AccessFlags.Limited)]);
        NetEndpoint first = Addresses.Parse(network);

        Assert.Equal(AccessFlags.Limited, access.Lookup(first));
        Assert.Equal(AccessFlags.Limited, access.Lookup(Addresses.SetHostBits(first, prefixLength)));
        for (int bit = 0; bit < prefixLength; bit++)
        {
            NetEndpoint outside = Addresses.FlipBit(first, bit);
            Assert.True(access.Lookup(outside) == AccessFlags.None, $"{outside} matched {network}/{prefixLength}");
        }
    }

    [Theory]
    [InlineData("192.0.2.77/24", "192.0.2.1", "192.0.3.77")]
    [InlineData("2001:db8:42:7:abcd::1/64", "2001:db8:42:7::9", "2001:db8:42:8:abcd::1")]
    public void MatchesTheWholeNetwork_WhenTheRuleAddressHasHostBitsSet(string rule, string inside, string outside)
    {
        var access = new AccessList([Addresses.Rule(rule, AccessFlags.NoServe)]);

        Assert.Equal(AccessFlags.NoServe, access.Lookup(Addresses.Parse(inside)));
        Assert.Equal(AccessFlags.None, access.Lookup(Addresses.Parse(outside)));
    }

    [Fact]
    public void IgnoresTheSourcePort()
    {
        var access = new AccessList(NestedRules);

        Assert.Equal(AccessFlags.NoServe, access.Lookup(Addresses.Parse("192.0.2.8", 123)));
        Assert.Equal(AccessFlags.NoServe, access.Lookup(Addresses.Parse("192.0.2.8", 65535)));
    }

    [Fact]
    public void AllocatesNothing_PerLookup()
    {
        var access = new AccessList(
        [
            .. NestedRules,
            Addresses.Rule("10.0.0.0/8", AccessFlags.Ignore),
            Addresses.Rule("::/0", KodLimited),
            Addresses.Rule("2001:db8::/32", AccessFlags.Limited),
            Addresses.Rule("2001:db8:bad::/48", AccessFlags.Ignore),
            Addresses.Rule("2001:db8:0:1::/64", AccessFlags.None),
        ]);
        NetEndpoint[] sources =
        [
            Addresses.Parse("192.0.2.7"), Addresses.Parse("192.0.2.8"), Addresses.Parse("10.1.2.3"),
            Addresses.Parse("198.51.100.1"), Addresses.Parse("2001:db8:bad::1"), Addresses.Parse("2001:db8:0:1::1"),
            Addresses.Parse("2001:db8:5::1"), Addresses.Parse("fe80::1"),
        ];
        int matched = Lookups(access, sources, 1000);

        long[] allocated = Allocations.PerRound(() => matched += Lookups(access, sources, 10_000));

        Allocations.AssertNoneInSomeRound(allocated);
        Assert.Equal((1000 + (Allocations.Rounds * 10_000)) * 6 / 8, matched);
    }

    private static int Lookups(AccessList access, NetEndpoint[] sources, int count)
    {
        int matched = 0;
        for (int i = 0; i < count; i++)
        {
            if (access.Lookup(sources[i % sources.Length]) != AccessFlags.None)
            {
                matched++;
            }
        }

        return matched;
    }
}
