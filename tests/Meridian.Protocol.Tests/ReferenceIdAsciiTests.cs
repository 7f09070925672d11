namespace Meridian.Protocol.Tests;

public class ReferenceIdAsciiTests
{
    [Theory]
    [InlineData("LOCL", "4C4F434C")]
    [InlineData("GPS", "47505300")]
    [InlineData("PPS", "50505300")]
    [InlineData("DCF", "44434600")]
    [InlineData("AB", "41420000")]
    [InlineData("X", "58000000")]
    public void FromAscii_PutsCharactersFirstAndPadsWithNul(string code, string hex)
    {
        var buffer = new byte[4];

        ReferenceId.FromAscii(code).Write(buffer);

        Assert.Equal(hex, Convert.ToHexString(buffer));
    }

    [Theory]
    [InlineData("LOCL")]
    [InlineData("GPS")]
    [InlineData("X")]
    [InlineData("a b~")]
    public void TryGetAscii_ReturnsTheCodeWithoutPadding(string code)
    {
        Assert.True(ReferenceId.FromAscii(code).TryGetAscii(out string text));

        Assert.Equal(code, text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("LOCAL")]
    [InlineData("ABCDEFGH")]
    [InlineData("é")]
    [InlineData("GP€")]
    [InlineData("ÄBC")]
    public void FromAscii_RejectsEmptyLongOrNonAsciiCodes(string code)
    {
        Assert.Throws<ArgumentException>(() => ReferenceId.FromAscii(code));
    }

    [Theory]
    [InlineData(0x7F00_0001u)]
    [InlineData(0xC0A8_0101u)]
    [InlineData(0x0000_0000u)]
    [InlineData(0x4100_4200u)]
    [InlineData(0x0041_4243u)]
    [InlineData(0x4142_431Fu)]
    public void TryGetAscii_IsFalse_ForBinaryValues(uint value)
    {
        Assert.False(new ReferenceId(value).TryGetAscii(out string text));

        Assert.Equal(string.Empty, text);
    }
}
