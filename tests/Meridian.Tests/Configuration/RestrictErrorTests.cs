namespace Meridian.Tests.Configuration;

public class RestrictErrorTests
{
    [Theory]
    [InlineData("255.0.255.0")]
    [InlineData("255.255.255.1")]
    [InlineData("0.255.255.255")]
    public void RejectsANonContiguousMask(string mask)
    {
        var e = ConfigText.ErrorAt(1, $"'{mask}'", $"restrict 10.0.0.0 mask {mask}");

        Assert.Contains("contiguous", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restrict 10.0.0.1 mask 255.0.0.0", "10.0.0.1")]
    [InlineData("restrict 10.0.0.1/8", "10.0.0.1")]
    [InlineData("restrict 192.168.1.1/24", "192.168.1.1")]
    [InlineData("restrict 2001:db8::1/32", "2001:db8::1")]
    public void RejectsAnAddressWithHostBitsSet(string line, string address)
    {
        ConfigText.ErrorAt(1, $"'{address}'", line);
    }

    [Theory]
    [InlineData("restrict 10.0.0.0/33", "33")]
    [InlineData("restrict 2001:db8::/129", "129")]
    [InlineData("restrict 10.0.0.0/x", "x")]
    public void RejectsAPrefixLengthOutsideTheFamily(string line, string prefix)
    {
        ConfigText.ErrorAt(1, $"'{prefix}'", line);
    }

    [Theory]
    [InlineData("restrict 10.0.0.0 mask ffff::")]
    [InlineData("restrict 2001:db8:: mask 255.255.0.0")]
    [InlineData("restrict 10.0.0.0 mask wide")]
    public void RejectsAMaskOfAnotherFamilyOrNotAnAddress(string line)
    {
        ConfigText.ErrorAt(1, "mask", line);
    }

    [Theory]
    [InlineData("restrict default kod nomodfy", "nomodfy")]
    [InlineData("restrict 127.0.0.1 nopeer notraps", "notraps")]
    [InlineData("restrict default mask 255.0.0.0", "mask")]
    public void RejectsAnUnknownFlag(string line, string flag)
    {
        ConfigText.ErrorAt(1, $"'{flag}'", line);
    }

    [Theory]
    [InlineData("restrict -4 ::1", "::1")]
    [InlineData("restrict -4 2001:db8::/32", "2001:db8::/32")]
    [InlineData("restrict -6 127.0.0.1", "127.0.0.1")]
    public void RejectsAnAddressOfTheOtherFamily(string line, string address)
    {
        ConfigText.ErrorAt(1, $"'{address}'", line);
    }

    [Theory]
    [InlineData("restrict ntp.example.org nomodify", "ntp.example.org")]
    [InlineData("restrict -6 localhost", "localhost")]
    public void RejectsAHostNameInsteadOfAnAddress(string line, string host)
    {
        var e = ConfigText.ErrorAt(1, $"'{host}'", line);

        Assert.Contains("not an IP address", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restrict")]
    [InlineData("restrict -6")]
    public void RejectsAMissingTarget(string line)
    {
        ConfigText.ErrorAt(1, "'restrict'", line);
    }
}
