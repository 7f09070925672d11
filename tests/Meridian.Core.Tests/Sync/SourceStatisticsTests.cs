using Meridian.Core.Sync;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>A source's line through true minus system time: phase, frequency, the runs test, delay weights, steps.</summary>
public class SourceStatisticsTests
{
    [Fact]
    public void HasNoEstimate_UntilThreeSamples()
    {
        var stats = new SourceStatistics();
        stats.Add(At(0), 0.1, 0.001);
        stats.Add(At(2), 0.1, 0.001);
        Assert.False(stats.HasEstimate);

        stats.Add(At(4), 0.1, 0.001);

        Assert.True(stats.HasEstimate);
    }

    [Theory]
    [InlineData(-100e-6)]
    [InlineData(42e-6)]
    public void FindsPhaseAndFrequency_FromAFewSamples(double frequency)
    {
        var stats = new SourceStatistics();
        for (int i = 0; i < 8; i++)
        {
            stats.Add(At(2 * i), 0.05 + frequency * 2 * i, 0.001);
        }

        Assert.Equal(frequency, stats.Frequency, 1e-12);
        Assert.Equal(0.05 + frequency * 100, stats.TrueMinusSystemAt(At(100)), 1e-9);
    }

    [Fact]
    public void WeighsDownSamplesWithExcessDelay()
    {
        var stats = new SourceStatistics();
        for (int i = 0; i < 16; i++)
        {
            // Every fourth sample queued 2 ms more on the way out: its offset is 1 ms high.
            bool queued = i % 4 == 1;
            stats.Add(At(64 * i), queued ? 0.001 : 0, queued ? 0.003 : 0.001);
        }

        Assert.InRange(Math.Abs(stats.TrueMinusSystemAt(At(64 * 15))), 0, 10e-6);
    }

    [Fact]
    public void KeepsEveryNoisySample_ButDropsOldOnes_WhenTheFrequencyChanges()
    {
        var random = new Random(11);
        var noisy = new SourceStatistics();
        var wandered = new SourceStatistics();
        for (int i = 0; i < 64; i++)
        {
            double noise = (random.NextDouble() - 0.5) * 20e-6;
            noisy.Add(At(64 * i), noise, 0.001);
            // The frequency changes by 1 ppm halfway.
            wandered.Add(At(64 * i), (i < 32 ? 0 : 1e-6 * 64 * (i - 32)) + noise, 0.001);
        }

        Assert.InRange(noisy.FitSamples, 48, 64);
        Assert.InRange(wandered.FitSamples, 3, 32);
        Assert.Equal(1e-6, wandered.Frequency, 0.1e-6);
    }

    /// <summary>
    /// Queueing noise only (seed 5, 200 samples): the runs test alone cuts the fit below 16 samples 13
    /// times by chance; where the shorter line agrees with a longer one the cut is undone (6 remain).
    /// </summary>
    [Fact]
    public void KeepsTheLongerFit_WhenTheRunsTestCutsItByChance()
    {
        var random = new Random(5);
        var stats = new SourceStatistics();
        int cutByRuns = 0, cut = 0;
        for (int i = 0; i < 264; i++)
        {
            // A WAN path: 1 ms of exponential queueing each way, half their difference in the offset.
            double outbound = -1e-3 * Math.Log(1 - random.NextDouble()), back = -1e-3 * Math.Log(1 - random.NextDouble());
            stats.Add(At(64 * i), (outbound - back) / 2, 0.010 + outbound + back);
            if (i >= 64)
            {
                cutByRuns += stats.RunsSamples < 16 ? 1 : 0;
                cut += stats.FitSamples < 16 ? 1 : 0;
                Assert.InRange(stats.FitSamples, stats.RunsSamples, 2 * stats.RunsSamples);
            }
        }

        Assert.InRange(cutByRuns, 10, 200);
        Assert.InRange(cut, 0, cutByRuns / 2);
        Assert.InRange(cut, 0, cutByRuns / 2);
    }

    [Fact]
    public void StillCutsTheFit_WhenTheFrequencyChanges_BeyondTheNoise()
    {
        var random = new Random(5);
        var stats = new SourceStatistics();
        for (int i = 0; i < 64; i++)
        {
            double noise = (random.NextDouble() - 0.5) * 20e-6;
            stats.Add(At(64 * i), (i < 48 ? 0 : 1e-6 * 64 * (i - 48)) + noise, 0.001);
        }

        Assert.InRange(stats.FitSamples, 3, 16);
        Assert.Equal(1e-6, stats.Frequency, 0.1e-6);
    }

    [Fact]
    public void FollowsAStepOfTheSystemClock_KeepingItsFrequency()
    {
        var stats = new SourceStatistics();
        for (int i = 0; i < 10; i++)
        {
            stats.Add(At(64 * i), 10e-6 * 64 * i, 0.001);
        }

        stats.Add(At(640), -0.5 + 10e-6 * 640, 0.001);

        Assert.Equal(10e-6, stats.Frequency, 1e-9);
        Assert.Equal(-0.5 + 10e-6 * 700, stats.TrueMinusSystemAt(At(700)), 1e-6);
        Assert.True(stats.LastPredictionRatio > 100);
    }

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);
}
