namespace Meridian.Protocol.Tests;

public class ReferenceIdTextTests
{
    [Theory]
    [InlineData(0x4C4F_434Cu, "LOCL")]
    [InlineData(0x4750_5300u, "GPS")]
    [InlineData(0x7F00_0001u, "127.0.0.1")]
    [InlineData(0xC0A8_0001u, "192.168.0.1")]
    [InlineData(0x0000_0000u, "0.0.0.0")]
    [InlineData(0x4100_4200u, "65.0.66.0")]
    public void ToString_GivesTheCodeOrTheDottedIPv4Address(uint value, string text)
    {
        Assert.Equal(text, new ReferenceId(value).ToString());
    }

    [Theory]
    [InlineData(0x4C4F_434Cu, "76.79.67.76")]
    [InlineData(0x0A00_00FFu, "10.0.0.255")]
    public void ToIPv4String_AlwaysGivesTheDottedForm(uint value, string text)
    {
        Assert.Equal(text, new ReferenceId(value).ToIPv4String());
    }
}
