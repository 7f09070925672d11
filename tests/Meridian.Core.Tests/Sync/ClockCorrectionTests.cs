using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>The served clock's correction: base, frequency and a slew that ends; serving and projection.</summary>
public class ClockCorrectionTests
{
    // Anchored at 100 s: base 0.5 s, +10 ppm, slewing 1 ms/s until 150 s.
    private static readonly ClockCorrection Slewing = new(At(100), 0.5, 10e-6, 1e-3, At(150), 3);

    [Theory]
    [InlineData(100, 0.5)]
    [InlineData(120, 0.5 + 10e-6 * 20 + 1e-3 * 20)]
    [InlineData(150, 0.5 + 10e-6 * 50 + 1e-3 * 50)]
    [InlineData(200, 0.5 + 10e-6 * 100 + 1e-3 * 50)]
    [InlineData(10_100, 0.5 + 10e-6 * 10_000 + 1e-3 * 50)]
    [InlineData(50, 0.5 - 10e-6 * 50)]
    public void OffsetAt_AddsTheFrequencySinceTheAnchor_AndTheSlewOnlyUntilItEnds(double at, double expected)
    {
        Assert.Equal(expected, Slewing.OffsetAt(At(at)), 1e-12);
    }

    [Fact]
    public void None_IsZeroAtAnyTime()
    {
        Assert.Equal(0, ClockCorrection.None.OffsetAt(At(1e6)));
        Assert.Equal(0, ClockCorrection.None.Epoch);
    }

    [Theory]
    [InlineData(0xE9FF_0000_8000_0000UL, 0.25, 0xE9FF_0000_C000_0000UL)]
    [InlineData(0xE9FF_0000_8000_0000UL, -1.5, 0xE9FE_FFFF_0000_0000UL)]
    [InlineData(0xFFFF_FFFF_8000_0000UL, 0.75, 0x0000_0000_4000_0000UL)]
    [InlineData(0x0000_0000_4000_0000UL, -0.75, 0xFFFF_FFFF_8000_0000UL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL, 1.0 / 4294967296.0, 0x0000_0000_0000_0000UL)]
    public void Serve_AddsTheOffsetToTheSystemTime_AcrossTheEraBoundaryToo(ulong system, double offset, ulong expected)
    {
        var correction = ClockCorrection.None with { BaseSeconds = offset };
        var now = new LocalTime(At(42), new NtpTimestamp(system));

        NtpTimestamp served = correction.Serve(now);

        Assert.Equal(new NtpTimestamp(expected), served);
        Assert.Equal(offset, served.SecondsSince(now.System), 1e-9);
    }

    [Fact]
    public void Serve_UsesTheCorrectionAtTheMonotonicReading()
    {
        var now = new LocalTime(At(200), new NtpTimestamp(0xE9FF_0000_0000_0000UL));

        NtpTimestamp served = Slewing.Serve(now);

        Assert.Equal(Slewing.OffsetAt(At(200)), served.SecondsSince(now.System), 1e-9);
    }

    [Fact]
    public void Project_RemovesWhatTheCorrectionAddedBeyondItsFrequencySinceTheSample()
    {
        // Base 0, 10 ppm, slewing 1 ms/s until 10 s. A 4 ms offset measured at 2 s, when the
        // correction stood at 2.02 ms; by 20 s the slew added another 8 ms, so 4 - 8 = -4 ms is left.
        var correction = new ClockCorrection(At(0), 0, 10e-6, 1e-3, At(10), 0);
        double then = correction.OffsetAt(At(2));

        double projected = correction.Project(0.004, At(2), then, At(20));

        Assert.Equal(0.00202, then, 1e-12);
        Assert.Equal(-0.004, projected, 1e-12);
    }

    [Fact]
    public void Project_RemovesAStepTakenAfterTheSample()
    {
        var before = new ClockCorrection(At(0), 0, 0, 0, At(0), 0);
        var stepped = new ClockCorrection(At(5), 0.3, 0, 0, At(5), 1);

        double projected = stepped.Project(0.3001, At(2), before.OffsetAt(At(2)), At(8));

        Assert.Equal(0.0001, projected, 1e-12);
    }

    [Fact]
    public void Project_LeavesAnOffsetUnchanged_WhenOnlyTheFrequencyRan()
    {
        var correction = new ClockCorrection(At(0), 0.1, 25e-6, 0, At(0), 0);

        double projected = correction.Project(0.002, At(100), correction.OffsetAt(At(100)), At(1100));

        Assert.Equal(0.002, projected, 1e-12);
    }

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);
}
