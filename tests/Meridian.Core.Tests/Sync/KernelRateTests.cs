using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

public class KernelRateTests
{
    private static readonly MonotonicTime Start = new(1_000_000_000_000);

    [Fact]
    public void RunsTheKernelClockAtFrequencyPlusSlew_UntilTheSlewEnds()
    {
        var correction = new ClockCorrection(Start, 0, 12e-6, 3e-6, Start.AddSeconds(64), 0);

        Assert.Equal(15e-6, KernelRate.At(correction, Start.AddSeconds(10)), 12);
        Assert.Equal(12e-6, KernelRate.At(correction, Start.AddSeconds(64)), 12);
    }

    [Theory]
    [InlineData(1e-6, 65536)]
    [InlineData(-12.5e-6, -819200)]
    [InlineData(0.0, 0)]
    [InlineData(600e-6, 500 * 65536)]
    [InlineData(-1.0, -500 * 65536)]
    public void ConvertsToAdjtimexScaledPpm_ClampedTo500Ppm(double rate, long expected)
    {
        Assert.Equal(expected, KernelRate.ToAdjtimexFrequency(rate));
    }
}
