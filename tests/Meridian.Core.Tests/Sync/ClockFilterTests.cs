using Meridian.Core.Sync;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync;

/// <summary>The clock filter (RFC 5905 §10): least distance wins, outputs only move forward, jitter after projection.</summary>
public class ClockFilterTests
{
    [Fact]
    public void ChoosesTheLowDelaySample_WhileItIsFresh()
    {
        var filter = new ClockFilter();
        Assert.True(filter.Add(Sample(0.001, delay: 0.010, at: 0)));

        bool changed = filter.Add(Sample(0.002, delay: 0.020, at: 100));

        Assert.False(changed);
        Assert.Equal(0.001, filter.Offset);
        Assert.Equal(0.010, filter.Delay);
        Assert.Equal(At(0), filter.OutputTime);
    }

    [Fact]
    public void AnOldLowDelaySampleLosesToAFreshOne_WhenAgingDominates()
    {
        var filter = new ClockFilter();
        filter.Add(Sample(0.001, delay: 0.010, at: 0));

        // Distances at t = 1000 s: old 0.005 + 15 ppm * 1000 s = 0.020; fresh 0.010.
        bool changed = filter.Add(Sample(0.002, delay: 0.020, at: 1000));

        Assert.True(changed);
        Assert.Equal(0.002, filter.Offset);
        Assert.Equal(0.020, filter.Delay);
        Assert.Equal(At(1000), filter.OutputTime);
    }

    [Fact]
    public void CountsTheSampleDispersionInTheDistance()
    {
        var filter = new ClockFilter();
        filter.Add(Sample(0.001, delay: 0.010, at: 0, dispersion: 0.050));

        bool changed = filter.Add(Sample(0.002, delay: 0.020, at: 1));

        Assert.True(changed);
        Assert.Equal(0.002, filter.Offset);
    }

    [Fact]
    public void ReportsANewOutput_OnlyWhenTheChosenSampleIsNewerThanThePreviousOutput()
    {
        var filter = new ClockFilter();
        var results = new List<bool>
        {
            filter.Add(Sample(0.001, delay: 0.004, at: 0)),
            filter.Add(Sample(0.002, delay: 0.008, at: 16)),
            filter.Add(Sample(0.003, delay: 0.009, at: 32)),
            filter.Add(Sample(0.004, delay: 0.002, at: 48)),
            filter.Add(Sample(0.005, delay: 0.006, at: 64)),
        };

        Assert.Equal([true, false, false, true, false], results);
        Assert.Equal(0.004, filter.Offset);
        Assert.Equal(At(48), filter.OutputTime);
    }

    [Fact]
    public void IsFull_AfterEightSamples()
    {
        var filter = new ClockFilter();
        var full = new List<bool>();
        for (int i = 0; i < 9; i++)
        {
            full.Add(filter.IsFull);
            filter.Add(Sample(0.001, delay: 0.002, at: i));
        }

        full.Add(filter.IsFull);
        Assert.Equal([false, false, false, false, false, false, false, false, true, true], full);
    }

    [Fact]
    public void Clear_EmptiesTheFilter_SoAnySampleIsANewOutput()
    {
        var filter = new ClockFilter();
        for (int i = 0; i < 8; i++)
        {
            filter.Add(Sample(0.001, delay: 0.002, at: 100 + i));
        }

        filter.Clear();

        Assert.False(filter.HasOutput);
        Assert.False(filter.IsFull);
        Assert.Equal(Rfc5905.MaxDispersion, filter.Dispersion);
        Assert.True(filter.Add(Sample(-0.5, delay: 0.003, at: 50)));
        Assert.Equal(-0.5, filter.Offset);
        Assert.Equal(1e-9, filter.Jitter(At(50), ClockCorrection.None));
    }

    [Fact]
    public void Dispersion_FallsAsTheFilterFills()
    {
        var filter = new ClockFilter();
        filter.Add(Sample(0.001, delay: 0.002, at: 0));
        double one = filter.Dispersion;
        for (int i = 1; i < 8; i++)
        {
            filter.Add(Sample(0.001, delay: 0.002, at: i));
        }

        Assert.InRange(one, 7.9, 8.1);
        Assert.InRange(filter.Dispersion, 0, 0.001);
    }

    [Fact]
    public void Jitter_IsThePlainRmsOfTheOtherSamplesAboutTheOutput_WithoutCorrection()
    {
        var filter = new ClockFilter();
        double[] offsets = [0.001, 0.003, -0.001, 0.002];
        for (int i = 0; i < offsets.Length; i++)
        {
            filter.Add(Sample(offsets[i], delay: 0.010, at: i));
        }

        // The freshest sample (0.002) wins on equal delays; the others differ by -1, +1 and -3 ms.
        Assert.Equal(0.002, filter.Offset);
        Assert.Equal(Math.Sqrt(11e-6 / 3), filter.Jitter(At(3), ClockCorrection.None), 1e-12);
    }

    [Fact]
    public void Jitter_ProjectsEachSampleWithTheCorrection_SoASlewIsNotCountedAsNoise()
    {
        // The correction slews 1 ms/s for 10 s; each sample's offset already shows the slew so far.
        var correction = new ClockCorrection(At(0), 0.2, 5e-6, 1e-3, At(10), 0);
        double[] noise = [1e-4, -1e-4, 2e-4, 0];
        var offsets = new List<double>();
        var filter = new ClockFilter();
        for (int i = 0; i < noise.Length; i++)
        {
            MonotonicTime t = At(2 * i);
            double slewed = correction.OffsetAt(t) - 0.2 - 5e-6 * 2 * i;
            offsets.Add(0.010 - slewed + noise[i]);
            filter.Add(new NtpSample(offsets[i], 0.010, 0, t, correction.OffsetAt(t)));
        }

        double projected = filter.Jitter(At(6), correction);

        Assert.Equal(offsets[^1], filter.Offset);
        Assert.Equal(Math.Sqrt((1e-8 + 1e-8 + 4e-8) / 3), projected, 1e-12);
        double plain = Math.Sqrt(offsets.SkipLast(1).Average(o => (o - offsets[^1]) * (o - offsets[^1])));
        Assert.True(plain > 10 * projected, $"the raw spread {plain} includes the slew");
    }

    private static NtpSample Sample(double offset, double delay, double at, double dispersion = 0) =>
        new(offset, delay, dispersion, At(at));

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);
}
