using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>The system poll: steered so the system peer's fit spans about ten samples, one step at a time.</summary>
public class PollControllerTests
{
    [Fact]
    public void StartsAtMinPoll()
    {
        Assert.Equal(6, new PollController(6, 10).Poll);
    }

    [Theory]
    [InlineData(30, 3)]
    [InlineData(15, 10)]
    [InlineData(64, 1)]
    public void Rises_WhileTheFitSpansMoreThanTheTarget(int fitSamples, int updatesNeeded)
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < updatesNeeded - 1; i++)
        {
            controller.Update(fitSamples, 0.5);
            Assert.Equal(6, controller.Poll);
        }

        controller.Update(fitSamples, 0.5);

        Assert.Equal(7, controller.Poll);
    }

    [Fact]
    public void Falls_WhileTheFitSpansFewerThanTheTarget_AndNeverBelowMinPoll()
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 8; i++)
        {
            controller.Update(64, 0.5);
        }

        Assert.Equal(10, controller.Poll);
        int updates = 0;
        while (controller.Poll == 10)
        {
            controller.Update(4, 0.5);
            updates++;
        }

        // (4/10 - 1)/10 = -0.06 per update from the middle of the band: 9 updates.
        Assert.Equal(9, updates);
        for (int i = 0; i < 200; i++)
        {
            controller.Update(3, 0.5);
        }

        Assert.Equal(6, controller.Poll);
    }

    [Fact]
    public void StaysPut_WhileTheFitSpansTheTarget()
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 1000; i++)
        {
            controller.Update(PollController.TargetSamples, 0.5);
        }

        Assert.Equal(6, controller.Poll);
    }

    [Theory]
    [InlineData(2.5, 1)]
    [InlineData(9, 3)]
    public void FallsAtOnce_ByLog2OfHowFarASampleMissedItsPrediction(double ratio, int steps)
    {
        var controller = new PollController(4, 10);
        for (int i = 0; i < 8; i++)
        {
            controller.Update(64, 0.5);
        }

        controller.Update(64, ratio);

        Assert.Equal(10 - steps, controller.Poll);
    }

    /// <summary>Samples within their delay bound but far outside the noise: the oscillator wanders more between polls than the fit can follow.</summary>
    [Fact]
    public void Falls_WhenSamplesMissThePredictionByManyStandardDeviations_EvenWithinTheirDelayBound()
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 40; i++)
        {
            controller.Update(20, 0.5);
        }

        Assert.Equal(10, controller.Poll);

        controller.Update(20, 0.5, 4 * PollController.InnovationLimit);

        Assert.Equal(8, controller.Poll);
    }

    [Fact]
    public void Reset_ReturnsToMinPoll()
    {
        var controller = new PollController(6, 10);
        controller.Update(64, 0.5);
        controller.Update(64, 0.5);

        controller.Reset();

        Assert.Equal(6, controller.Poll);
    }
}
