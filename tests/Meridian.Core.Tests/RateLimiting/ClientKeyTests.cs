using System.Net;
using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the client a request is counted against (IPv4 /32, IPv6 /64 by default).</summary>
public class ClientKeyTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.2")]
    [InlineData("192.0.2.1", "192.0.3.1")]
    [InlineData("10.0.0.0", "10.0.0.1")]
    [InlineData("0.0.0.1", "128.0.0.1")]
    public void KeysEachIPv4Address_ByDefault(string a, string b)
    {
        Assert.NotEqual(KeyOf(a), KeyOf(b));
        Assert.Equal(KeyOf(a), ClientKey.Of(Addresses.Parse(a, 123), 32, 64));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.254", true)]
    [InlineData("192.0.2.0", "192.0.2.255", true)]
    [InlineData("192.0.2.1", "192.0.3.1", false)]
    [InlineData("192.0.2.1", "193.0.2.1", false)]
    public void AggregatesIPv4Clients_ByTheirSlash24_WithPrefix4Of24(string a, string b, bool shared)
    {
        Assert.Equal(shared, KeyOf(a, prefix4: 24) == KeyOf(b, prefix4: 24));
        Assert.NotEqual(KeyOf(a), KeyOf(b));
    }

    [Theory]
    [InlineData("2001:db8::1", "2001:db8::2", true)]
    [InlineData("2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:0:7:1234:5678:9abc:def0", "2001:db8:0:7::", true)]
    [InlineData("2001:db8::1", "2001:db8:0:1::1", false)]
    [InlineData("2001:db8::1", "2001:db9::1", false)]
    [InlineData("2001:db8::1", "a001:db8::1", false)]
    public void AggregatesIPv6Clients_ByTheirSlash64(string a, string b, bool shared)
    {
        Assert.Equal(shared, KeyOf(a) == KeyOf(b));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", 48, true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:2:2::1", 48, false)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", 64, false)]
    public void AggregatesIPv6Clients_ByPrefix6(string a, string b, int prefix6, bool shared)
    {
        Assert.Equal(shared, KeyOf(a, prefix6: prefix6) == KeyOf(b, prefix6: prefix6));
    }

    [Theory]
    [InlineData("192.0.2.1", 32)]
    [InlineData("192.0.2.1", 24)]
    [InlineData("203.0.113.200", 8)]
    public void GivesAV4MappedIPv6Source_TheIPv4Key(string address, int prefix4)
    {
        byte[] mapped = IPAddress.Parse(address).MapToIPv6().GetAddressBytes();

        ulong viaIPv6 = ClientKey.Of(NetEndpoint.FromIPv6(mapped, 40123), prefix4, 64);

        Assert.Equal(KeyOf(address, prefix4), viaIPv6);
    }

    [Theory]
    [InlineData("0.0.0.0", 0, 64)]
    [InlineData("0.0.0.0", 32, 64)]
    [InlineData("0.0.0.1", 24, 64)]
    [InlineData("::", 32, 64)]
    [InlineData("::1", 32, 64)]
    [InlineData("::", 32, 0)]
    [InlineData("0:0:0:0:ffff::", 32, 64)]
    [InlineData("2001:db8::1", 32, 0)]
    public void IsNeverZero_ForEdgeAddresses(string address, int prefix4, int prefix6)
    {
        Assert.NotEqual(0UL, KeyOf(address, prefix4, prefix6));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7919)]
    [InlineData(20_240_601)]
    public void IsNeverZero_ForRandomAddressesAndPrefixes(int seed)
    {
        var random = new Random(seed);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 10_000; i++)
        {
            random.NextBytes(bytes);
            if (i % 4 == 0)
            {
                bytes.AsSpan(0, 8).Clear();
            }

            var source = i % 2 == 0 ? NetEndpoint.FromIPv4(bytes, 40123) : NetEndpoint.FromIPv6(bytes, 40123);
            int prefix4 = random.Next(0, 33);
            int prefix6 = random.Next(0, 65);

            Assert.True(ClientKey.Of(source, prefix4, prefix6) != 0, $"seed {seed}: key 0 for {source} /{prefix4} /{prefix6}");
        }
    }

    [Theory]
    [InlineData("192.0.2.1", 32, 64, "192.0.2.1")]
    [InlineData("192.0.2.1", 24, 64, "192.0.2.0/24")]
    [InlineData("192.0.2.255", 24, 64, "192.0.2.0/24")]
    [InlineData("10.20.30.40", 8, 64, "10.0.0.0/8")]
    [InlineData("10.20.30.40", 0, 64, "0.0.0.0/0")]
    [InlineData("::ffff:198.51.100.7", 32, 64, "198.51.100.7")]
    [InlineData("2001:db8::1", 32, 64, "2001:db8::/64")]
    [InlineData("2001:db8:0:7:1234:5678:9abc:def0", 32, 64, "2001:db8:0:7::/64")]
    [InlineData("2001:db8:1:2::1", 32, 48, "2001:db8:1::/48")]
    [InlineData("fe80::1", 32, 64, "fe80::/64")]
    public void FormatsTheClientNetwork_AsText(string address, int prefix4, int prefix6, string expected)
    {
        Assert.Equal(expected, ClientKey.Format(KeyOf(address, prefix4, prefix6), prefix4, prefix6));
    }

    /// <summary>
    /// The IPv6 network ::/64 (loopback ::1, IPv4-compatible ::a.b.c.d) is stored as key 1 so that no
    /// key is 0, and is still shown as ::/64.
    /// </summary>
    [Theory]
    [InlineData("::1")]
    [InlineData("::c000:201")]
    public void FormatsTheZeroIPv6Network_AsColonColonSlash64(string address)
    {
        Assert.Equal("::/64", ClientKey.Format(KeyOf(address), 32, 64));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1_000_003)]
    public void RoundTripsThroughFormat_ForRandomClients(int seed)
    {
        var random = new Random(seed);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 2_000; i++)
        {
            random.NextBytes(bytes);
            bytes[0] |= 0x20; // keep IPv6 clients out of ::/8, where key 1 stands for ::/64
            var source = i % 2 == 0 ? NetEndpoint.FromIPv4(bytes, 40123) : NetEndpoint.FromIPv6(bytes, 40123);
            int prefix4 = random.Next(1, 33);
            int prefix6 = random.Next(1, 65);
            ulong key = ClientKey.Of(source, prefix4, prefix6);

            string text = ClientKey.Format(key, prefix4, prefix6);
            string[] parts = text.Split('/');
            NetEndpoint parsed = Addresses.Parse(parts[0]);
            int length = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 32;

            string context = $"seed {seed}: {source} /{prefix4} /{prefix6} formatted as {text}";
            Assert.True(ClientKey.Of(parsed, prefix4, prefix6) == key, context);
            Assert.True(length == (source.IsIPv4 ? prefix4 : prefix6), context);
        }
    }

    private static ulong KeyOf(string address, int prefix4 = 32, int prefix6 = 64) =>
        ClientKey.Of(Addresses.Parse(address), prefix4, prefix6);
}
