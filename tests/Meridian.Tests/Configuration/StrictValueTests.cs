namespace Meridian.Tests.Configuration;

/// <summary>Values an operator could mistype are refused, not silently reinterpreted.</summary>
public class StrictValueTests
{
    [Theory]
    [InlineData("tos orphan 5.5", "orphan")]
    [InlineData("ratelimit burst 2.5", "burst")]
    [InlineData("ratelimit prefix6 64.5", "prefix6")]
    [InlineData("discard average 3.5", "average")]
    public void RejectsAFraction_ForAnIntegerSetting(string line, string key)
    {
        var error = ConfigText.ErrorAt(1, key, line);

        Assert.Contains("must be an integer", error.Reason);
    }

    [Theory]
    [InlineData("tos orphan Infinity", "orphan")]
    [InlineData("tinker freq -Infinity", "freq")]
    public void RejectsInfinity_AsATuningValue(string line, string key)
    {
        ConfigText.ErrorAt(1, key, line);
    }

    [Theory]
    [InlineData("listen 123", "123")]
    [InlineData("listen 10.1:123", "10.1:123")]
    [InlineData("restrict 10 mask 255.0.0.0", "10")]
    [InlineData("restrict 10.0.0.0 mask 255.0", "255.0")]
    public void RejectsShortIPv4Forms_ThatTheRuntimeWouldAccept(string line, string token)
    {
        ConfigText.ErrorAt(1, token, line);
    }

    [Fact]
    public void AcceptsABracketedIPv6ListenAddressWithoutPort_OnPort123()
    {
        var options = ConfigText.Parse("listen [::1]");

        Assert.Equal("[::1]:123", options.Listen.Single().ToString());
    }
}
