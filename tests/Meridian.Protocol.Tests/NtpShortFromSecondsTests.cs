namespace Meridian.Protocol.Tests;

public class NtpShortFromSecondsTests
{
    [Theory]
    [InlineData(1.0, 0x0001_0000u)]
    [InlineData(0.5, 0x0000_8000u)]
    [InlineData(1.5, 0x0001_8000u)]
    [InlineData(1.0 / 65536, 1u)]
    [InlineData(0.5 / 65536, 1u)]
    [InlineData(1e-12, 1u)]
    [InlineData(1.0 + 0.25 / 65536, 0x0001_0001u)]
    [InlineData(65535.0, 0xFFFF_0000u)]
    public void ConvertsSeconds_RoundingUpToTheNext2ToTheMinus16(double seconds, uint value)
    {
        Assert.Equal(new NtpShort(value), NtpShort.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-65536.0)]
    [InlineData(-1e-12)]
    [InlineData(-1.0)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void ConvertsZeroNegativeAndNaN_ToZero(double seconds)
    {
        Assert.Equal(NtpShort.Zero, NtpShort.FromSeconds(seconds));
        Assert.Equal(0u, NtpShort.FromSeconds(seconds).Value);
    }

    [Theory]
    [InlineData(65535.99999)]
    [InlineData(65536.0)]
    [InlineData(65537.0)]
    [InlineData(1e12)]
    [InlineData(double.PositiveInfinity)]
    public void SaturatesAtMaxValue_From65536SecondsUp(double seconds)
    {
        Assert.Equal(NtpShort.MaxValue, NtpShort.FromSeconds(seconds));
        Assert.Equal(uint.MaxValue, NtpShort.FromSeconds(seconds).Value);
    }

    [Theory]
    [InlineData(0u, 0.0)]
    [InlineData(0x0001_0000u, 1.0)]
    [InlineData(0x0000_8000u, 0.5)]
    [InlineData(0x0000_0001u, 1.0 / 65536)]
    [InlineData(0xFFFF_FFFFu, 65536.0 - 1.0 / 65536)]
    public void ConvertsToSeconds_As16Dot16FixedPoint(uint value, double seconds)
    {
        Assert.Equal(seconds, new NtpShort(value).ToSeconds());
    }

    [Theory]
    [InlineData(0.000_001)]
    [InlineData(0.015_625)]
    [InlineData(0.123_456)]
    [InlineData(3.3)]
    [InlineData(1000.000_01)]
    public void NeverReportsLessThanTheSecondsGiven(double seconds)
    {
        double back = NtpShort.FromSeconds(seconds).ToSeconds();

        Assert.InRange(back, seconds, seconds + 1.0 / 65536);
    }
}
