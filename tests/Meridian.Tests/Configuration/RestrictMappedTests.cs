using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary>v4-mapped IPv6 sources are IPv4 clients, so a v4-mapped restrict network is the IPv4 network.</summary>
public class RestrictMappedTests
{
    [Theory]
    [InlineData("restrict ::ffff:192.0.2.0/120 noserve", "192.0.2.0", 24)]
    [InlineData("restrict ::ffff:0:0/96 limited", "0.0.0.0", 0)]
    [InlineData("restrict ::ffff:192.0.2.7", "192.0.2.7", 32)]
    public void ReadsAV4MappedNetwork_AsTheIPv4Network(string line, string address, int prefix)
    {
        RestrictOptions restrict = ConfigText.Parse(line).Restrictions.Single();

        Assert.Equal(RestrictFamily.IPv4, restrict.Family);
        Assert.Equal(address, restrict.Address!.ToString());
        Assert.Equal(prefix, restrict.PrefixLength);
    }

    [Fact]
    public void RejectsAV4MappedAddress_WithAPrefixShorterThan96()
    {
        var error = ConfigText.ErrorAt(1, "::ffff:0:0", "restrict ::ffff:0:0/80");

        Assert.Contains("bits set beyond its /80 prefix", error.Reason);
    }
}
