using System.Globalization;

namespace Meridian.Protocol.Tests;

public class NtpTimestampRoundTripTests
{
    private const int Seed = 20_360_207;
    private const long NanosecondsPerSecond = 1_000_000_000;

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(232u)]
    [InlineData(233u)]
    [InlineData(499_999_999u)]
    [InlineData(500_000_000u)]
    [InlineData(500_000_001u)]
    [InlineData(999_999_998u)]
    [InlineData(999_999_999u)]
    public void RoundTripsEveryNanosecondOfASecond_ThroughFromUnixTime(uint nanoseconds)
    {
        const long unixSeconds = 1_700_000_000;
        long expected = unixSeconds * NanosecondsPerSecond + nanoseconds;

        var timestamp = NtpTimestamp.FromUnixTime(unixSeconds, nanoseconds);

        Assert.Equal(expected, timestamp.ToUnixNanoseconds(expected));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(999_999_999L)]
    [InlineData(-1L)]
    [InlineData(-999_999_999L)]
    [InlineData(-1_000_000_000L)]
    [InlineData(-1_000_000_001L)]
    public void RoundTripsUnixNanoseconds_AroundTheUnixEpoch(long unixNanoseconds)
    {
        var timestamp = NtpTimestamp.FromUnixNanoseconds(unixNanoseconds);

        Assert.Equal(unixNanoseconds, timestamp.ToUnixNanoseconds(0));
    }

    [Fact]
    public void FromUnixNanoseconds_BorrowsASecond_ForNegativeTimesWithAFraction()
    {
        // -0.25 s is 1969-12-31T23:59:59.75Z: NTP second 2208988799, fraction 0.75.
        var timestamp = NtpTimestamp.FromUnixNanoseconds(-250_000_000);

        Assert.Equal(2_208_988_799u, timestamp.Seconds);
        Assert.Equal(0xC000_0000u, timestamp.Fraction);
    }

    [Theory]
    [InlineData("1899-12-31T23:59:59Z")]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:01Z")]
    [InlineData("1945-05-08T23:01:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("2000-02-29T12:00:00Z")]
    [InlineData("2036-02-07T06:28:14Z")]
    [InlineData("2036-02-07T06:28:15Z")]
    [InlineData("2036-02-07T06:28:16Z")]
    [InlineData("2036-02-07T06:28:17Z")]
    [InlineData("2068-01-19T03:14:08Z")]
    [InlineData("2100-01-01T00:00:00Z")]
    [InlineData("2104-02-26T00:00:00Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    [InlineData("2200-12-31T23:59:59Z")]
    public void RoundTripsUnixTime_AtCalendarLandmarks_WithAPivotNearby(string utc)
    {
        long unixSeconds = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        long expected = unixSeconds * NanosecondsPerSecond + 999_999_999;
        long pivotTenYearsEarlier = expected - 10L * 365 * 86_400 * NanosecondsPerSecond;

        var timestamp = NtpTimestamp.FromUnixTime(unixSeconds, 999_999_999);

        Assert.Equal((uint)(unixSeconds + NtpTimestamp.UnixEpochOffsetSeconds), timestamp.Seconds);
        Assert.Equal(expected, timestamp.ToUnixNanoseconds(expected));
        Assert.Equal(expected, timestamp.ToUnixNanoseconds(pivotTenYearsEarlier));
        Assert.Equal(expected, NtpTimestamp.FromUnixNanoseconds(expected).ToUnixNanoseconds(pivotTenYearsEarlier));
    }

    [Fact]
    public void RoundTripsSeededRandomUnixNanoseconds_WithPivotsWithin34Years()
    {
        var random = new Random(Seed);
        long min = -2_500_000_000L * NanosecondsPerSecond; // 1890
        long max = 7_300_000_000L * NanosecondsPerSecond;  // 2201
        const long maxPivotDistance = (1L << 30) * NanosecondsPerSecond;
        for (int i = 0; i < 20_000; i++)
        {
            long value = random.NextInt64(min, max);
            long pivot = value + random.NextInt64(-maxPivotDistance, maxPivotDistance);

            long back = NtpTimestamp.FromUnixNanoseconds(value).ToUnixNanoseconds(pivot);

            Assert.True(back == value, $"seed {Seed}, iteration {i}: {value} ns with pivot {pivot} came back as {back}");
        }
    }

    [Fact]
    public void RoundTripsSeededRandomFractions_ThroughFromUnixTime()
    {
        var random = new Random(Seed);
        for (int i = 0; i < 20_000; i++)
        {
            long seconds = random.NextInt64(-2_208_988_800L, 4_000_000_000L);
            uint nanoseconds = (uint)random.Next(0, 1_000_000_000);
            long expected = seconds * NanosecondsPerSecond + nanoseconds;

            long back = NtpTimestamp.FromUnixTime(seconds, nanoseconds).ToUnixNanoseconds(expected);

            Assert.True(back == expected, $"seed {Seed}, iteration {i}: {seconds} s + {nanoseconds} ns came back as {back}");
        }
    }

    [Theory]
    [InlineData(1_000_000_000u)]
    [InlineData(uint.MaxValue)]
    public void FromUnixTime_RejectsNanoseconds_OfAWholeSecondOrMore(uint nanoseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NtpTimestamp.FromUnixTime(0, nanoseconds));
    }
}
