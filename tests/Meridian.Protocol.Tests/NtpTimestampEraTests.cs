using System.Globalization;

namespace Meridian.Protocol.Tests;

public class NtpTimestampEraTests
{
    private const long Era1StartUnixSeconds = 2_085_978_496; // 2036-02-07T06:28:16Z

    private static long UnixNanoseconds(string utc) =>
        DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void MapsTheUnixEpoch_ToNtpSeconds2208988800()
    {
        var timestamp = NtpTimestamp.FromUnixTime(0, 0);

        Assert.Equal(0x83AA7E80u, timestamp.Seconds);
        Assert.Equal(2_208_988_800u, timestamp.Seconds);
        Assert.Equal(0x83AA7E80_00000000ul, timestamp.Value);
    }

    [Fact]
    public void MapsThePrimeEpoch1900_ToNtpZero()
    {
        var timestamp = NtpTimestamp.FromUnixTime(-NtpTimestamp.UnixEpochOffsetSeconds, 0);

        Assert.Equal(NtpTimestamp.Zero, timestamp);
        Assert.Equal(-NtpTimestamp.UnixEpochOffsetSeconds * 1_000_000_000, timestamp.ToUnixNanoseconds(UnixNanoseconds("1920-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData(500_000_000u, 0x8000_0000u)]
    [InlineData(250_000_000u, 0x4000_0000u)]
    [InlineData(750_000_000u, 0xC000_0000u)]
    [InlineData(1u, 5u)] // 2^32 / 10^9 = 4.29..., rounded up
    [InlineData(999_999_999u, 0xFFFF_FFFCu)]
    public void EncodesTheFraction_InUnitsOf2ToTheMinus32Seconds(uint nanoseconds, uint fraction)
    {
        var timestamp = NtpTimestamp.FromUnixTime(0, nanoseconds);

        Assert.Equal(fraction, timestamp.Fraction);
        Assert.Equal(0x83AA7E80u, timestamp.Seconds);
    }

    [Theory]
    [InlineData(-1L, 0xFFFF_FFFFu)]
    [InlineData(0L, 0u)]
    [InlineData(1L, 1u)]
    public void WrapsNtpSecondsToZero_AtThe2036EraBoundary(long secondsFromBoundary, uint ntpSeconds)
    {
        var timestamp = NtpTimestamp.FromUnixTime(Era1StartUnixSeconds + secondsFromBoundary, 0);

        Assert.Equal(ntpSeconds, timestamp.Seconds);
    }

    [Theory]
    [InlineData("1950-06-01T00:00:00Z", "1900-01-01T00:01:40Z")]
    [InlineData("1967-01-01T00:00:00Z", "1900-01-01T00:01:40Z")]
    [InlineData("1970-01-01T00:00:00Z", "2036-02-07T06:29:56Z")]
    [InlineData("2035-06-01T00:00:00Z", "2036-02-07T06:29:56Z")]
    [InlineData("2036-02-07T06:28:00Z", "2036-02-07T06:29:56Z")]
    [InlineData("2100-01-01T00:00:00Z", "2036-02-07T06:29:56Z")]
    [InlineData("2110-01-01T00:00:00Z", "2172-03-15T12:58:12Z")]
    public void ResolvesSmallNtpSeconds_ToTheEraNearestThePivot(string pivotUtc, string expectedUtc)
    {
        var timestamp = new NtpTimestamp(100ul << 32);

        long resolved = timestamp.ToUnixNanoseconds(UnixNanoseconds(pivotUtc));

        Assert.Equal(UnixNanoseconds(expectedUtc), resolved);
    }

    [Theory]
    [InlineData("1930-01-01T00:00:00Z", "1899-12-31T23:55:44Z")]
    [InlineData("2000-01-01T00:00:00Z", "2036-02-07T06:24:00Z")]
    [InlineData("2036-02-07T06:30:00Z", "2036-02-07T06:24:00Z")]
    [InlineData("2150-01-01T00:00:00Z", "2172-03-15T12:52:16Z")]
    public void ResolvesLargeNtpSeconds_ToTheEraNearestThePivot(string pivotUtc, string expectedUtc)
    {
        var timestamp = new NtpTimestamp(0xFFFF_FF00ul << 32);

        long resolved = timestamp.ToUnixNanoseconds(UnixNanoseconds(pivotUtc));

        Assert.Equal(UnixNanoseconds(expectedUtc), resolved);
    }

    [Theory]
    [InlineData("2100-01-01T00:00:00Z", "2099-06-01T00:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z", "2130-01-01T00:00:00Z")]
    [InlineData("2200-01-01T00:00:00Z", "2199-12-31T00:00:00Z")]
    [InlineData("2200-01-01T00:00:00Z", "2180-01-01T00:00:00Z")]
    public void ResolvesDatesInLaterEras_GivenAPivotNearThem(string utc, string pivotUtc)
    {
        long expected = UnixNanoseconds(utc);

        long resolved = NtpTimestamp.FromUnixNanoseconds(expected).ToUnixNanoseconds(UnixNanoseconds(pivotUtc));

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void ResolvesThe2200Timestamp_ToAnotherEra_WhenThePivotIsInThe2000s()
    {
        long year2200 = UnixNanoseconds("2200-01-01T00:00:00Z");
        var timestamp = NtpTimestamp.FromUnixNanoseconds(year2200);

        long resolved = timestamp.ToUnixNanoseconds(UnixNanoseconds("2025-01-01T00:00:00Z"));

        Assert.Equal(year2200 - (1L << 32) * 1_000_000_000, resolved);
    }
}
