using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class MetricsDirectiveTests
{
    [Fact]
    public void MetricsIsOff_WhenNoLineSaysOtherwise() => Assert.Null(ConfigText.Parse("server 192.0.2.1").Metrics);

    [Fact]
    public void ParsesAddressPortAndAllowPrefixes()
    {
        MetricsOptions metrics = ConfigText.Parse("metrics 0.0.0.0:9123 allow 192.0.2.0/24 allow 2001:db8::7").Metrics!;
        Assert.Equal(new IPEndPoint(IPAddress.Any, 9123), metrics.EndPoint);
        Assert.Equal(["192.0.2.0/24", "2001:db8::7/128"], metrics.Allow.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:192.0.2.9", true)]
    [InlineData("192.0.2.9", true)]
    [InlineData("198.51.100.1", false)]
    [InlineData("2001:db8::1", false)]
    public void AllowsLoopbackAndTheAllowedPrefixesOnly(string client, bool allowed) =>
        Assert.Equal(allowed, ConfigText.Parse("metrics 0.0.0.0:9123 allow 192.0.2.0/24").Metrics!.Allows(IPAddress.Parse(client)));

    [Theory]
    [InlineData("metrics 127.0.0.1:123", "NTP port")]
    [InlineData("metrics 127.0.0.1", "ADDR:PORT")]
    [InlineData("metrics [::1]", "ADDR:PORT")]
    [InlineData("metrics localhost:9123", "ADDR:PORT")]
    [InlineData("metrics 127.0.0.1:9123 allow", "address")]
    [InlineData("metrics 127.0.0.1:9123 allow 10.0.0.0/33", "10.0.0.0/33")]
    [InlineData("metrics 127.0.0.1:9123 deny 10.0.0.0/8", "deny")]
    public void RejectsBadMetricsLines_WithFileAndLine(string line, string token) => ConfigText.ErrorAt(2, token, "# metrics", line);

    [Fact]
    public void ConfigCheckPrintsTheMetricsLine() =>
        Assert.Contains("metrics [::1]:9123 allow 192.0.2.0/24\n", ConfigWriter.Write(ConfigText.Parse("metrics [::1]:9123 allow 192.0.2.0/24")).Replace("\r", ""));
}
