using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Serving;

public class TransmitErrorSummaryTests
{
    [Fact]
    public void ReportsMeanAndTheBucketBoundOfTheQuantile()
    {
        var histogram = new TransmitErrorHistogram();
        for (int i = 0; i < 98; i++)
        {
            histogram.Observe(1.2e-6);
        }

        histogram.Observe(4.5e-6);
        histogram.Observe(300e-6);

        TransmitErrorSummary summary = TransmitErrorSummary.Sum([histogram]);

        Assert.Equal(100, summary.Count);
        Assert.Equal((98 * 1.2 + 4.5 + 300) / 100, summary.MeanMicroseconds, 6);
        Assert.Equal(1.5, summary.QuantileMicroseconds(0.5));
        Assert.Equal(5, summary.QuantileMicroseconds(0.99));
        Assert.Equal(300, summary.QuantileMicroseconds(1.0));
        Assert.Equal(300, summary.MaxMicroseconds);
    }

    [Fact]
    public void CountsOnlyTheErrorsOfAStep()
    {
        var histogram = new TransmitErrorHistogram();
        histogram.Observe(50e-6);
        TransmitErrorSummary before = TransmitErrorSummary.Sum([histogram]);
        histogram.Observe(2e-6);

        TransmitErrorSummary step = TransmitErrorSummary.Sum([histogram]).Since(before);

        Assert.Equal(1, step.Count);
        Assert.Equal(2, step.QuantileMicroseconds(0.99));
    }
}
