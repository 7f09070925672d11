using Meridian.Core.Time;

namespace Meridian.Net.Tests;

public class RealtimeClockTests
{
    [Fact]
    public void ReadsTheSystemClock()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        long now = RealtimeClock.Now().ToUnixNanoseconds(before);
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + 1_000_000;

        Assert.InRange(now, before, after);
    }

    /// <summary>
    /// clock_gettime reads in tens of nanoseconds here; the precision is the smallest step seen over
    /// 10 000 readings, so one preempted reading cannot spoil it.
    /// </summary>
    [Fact]
    public void MeasuresASubMicrosecondPrecision_OnThisKindOfMachine()
    {
        sbyte precision = RealtimeClock.MeasurePrecision();

        Assert.InRange(precision, -30, -20); // 2^-20 s = 0.95 µs
    }

    [Fact]
    public void PairsTheMonotonicAndSystemReadings_OfOneMoment()
    {
        LocalTime first = RealtimeClock.ReadLocal();
        Thread.Sleep(20);
        LocalTime second = RealtimeClock.ReadLocal();

        double monotonic = second.Monotonic.SecondsSince(first.Monotonic);
        double system = second.System.SecondsSince(first.System);
        Assert.InRange(monotonic, 0.019, 5);
        Assert.InRange(system - monotonic, -0.001, 0.001);
    }
}
