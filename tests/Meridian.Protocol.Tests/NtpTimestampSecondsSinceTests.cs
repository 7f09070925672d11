namespace Meridian.Protocol.Tests;

public class NtpTimestampSecondsSinceTests
{
    private const int Seed = 5905;
    private const long Era1StartUnixSeconds = 2_085_978_496; // 2036-02-07T06:28:16Z

    [Fact]
    public void MeasuresTwoSeconds_AcrossThe2036Rollover()
    {
        var before = NtpTimestamp.FromUnixTime(Era1StartUnixSeconds - 1, 0);
        var after = NtpTimestamp.FromUnixTime(Era1StartUnixSeconds + 1, 0);

        Assert.Equal(2.0, after.SecondsSince(before));
    }

    [Fact]
    public void IsNegative_WhenTheOtherTimestampIsLater_AcrossThe2036Rollover()
    {
        var before = NtpTimestamp.FromUnixTime(Era1StartUnixSeconds - 1, 0);
        var after = NtpTimestamp.FromUnixTime(Era1StartUnixSeconds + 1, 0);

        Assert.Equal(-2.0, before.SecondsSince(after));
    }

    [Theory]
    [InlineData(0L, 0L, 0.0)]
    [InlineData(500_000_000L, 0L, 0.5)]
    [InlineData(0L, 500_000_000L, -0.5)]
    [InlineData(86_400_000_000_000L, 0L, 86_400.0)]
    [InlineData(-250_000_000L, 250_000_000L, -0.5)]
    public void MeasuresSignedIntervals_InSeconds(long laterNanoseconds, long earlierNanoseconds, double seconds)
    {
        const long origin = 1_700_000_000_000_000_000;
        var later = NtpTimestamp.FromUnixNanoseconds(origin + laterNanoseconds);
        var earlier = NtpTimestamp.FromUnixNanoseconds(origin + earlierNanoseconds);

        Assert.Equal(seconds, later.SecondsSince(earlier));
    }

    [Fact]
    public void AgreesWithNanosecondDifferences_ForSeededRandomIntervalsAroundTheRollover()
    {
        var random = new Random(Seed);
        long boundary = Era1StartUnixSeconds * 1_000_000_000;
        const long range = 2_000_000_000L * 1_000_000_000; // 31 years either side: under 2^31 s apart
        for (int i = 0; i < 10_000; i++)
        {
            long a = boundary + random.NextInt64(-range / 2, range / 2);
            long b = boundary + random.NextInt64(-range / 2, range / 2);
            double expected = (a - b) / 1e9;

            double actual = NtpTimestamp.FromUnixNanoseconds(a).SecondsSince(NtpTimestamp.FromUnixNanoseconds(b));

            Assert.True(Math.Abs(actual - expected) < 1e-6, $"seed {Seed}, iteration {i}: {a} - {b} gave {actual}, expected {expected}");
        }
    }
}
