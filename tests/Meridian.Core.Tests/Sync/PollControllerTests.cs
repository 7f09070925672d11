using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>The system poll: up after settled updates, down after disturbed ones, within bounds.</summary>
public class PollControllerTests
{
    private const double Jitter = 0.00001;
    private const double Inside = 0.000039;
    private const double Outside = 0.000041;

    [Fact]
    public void StartsAtMinPoll()
    {
        Assert.Equal(6, new PollController(6, 10).Poll);
    }

    [Theory]
    [InlineData(6, 6)]
    [InlineData(4, 8)]
    [InlineData(3, 11)]
    [InlineData(7, 5)]
    public void RisesByOne_OnceTheUpdatesWithinFourJittersAddUpToMoreThan30(int poll, int updatesNeeded)
    {
        var controller = new PollController(poll, 17);

        for (int i = 1; i < updatesNeeded; i++)
        {
            controller.Update(Inside, Jitter);
            Assert.Equal(poll, controller.Poll);
        }

        controller.Update(Inside, Jitter);

        Assert.Equal(poll + 1, controller.Poll);
    }

    [Fact]
    public void StartsCountingAgain_AfterRising()
    {
        var controller = new PollController(6, 10);
        var polls = new List<int>();

        for (int i = 0; i < 11; i++)
        {
            controller.Update(-Inside, Jitter);
            polls.Add(controller.Poll);
        }

        // 6 x 6 = 36 > 30 raises to 7; then 5 x 7 = 35 raises to 8.
        Assert.Equal([6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 8], polls);
    }

    [Fact]
    public void NeverRisesAboveMaxPoll()
    {
        var controller = new PollController(6, 8);

        for (int i = 0; i < 100; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(8, controller.Poll);
    }

    [Theory]
    [InlineData(Outside)]
    [InlineData(-Outside)]
    [InlineData(4 * Jitter)]
    public void Falls_AfterOffsetsOutsideTheGate(double offset)
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 11; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(8, controller.Poll);
        controller.Update(offset, Jitter);
        Assert.Equal(8, controller.Poll);

        controller.Update(offset, Jitter);

        // -16, -32 < -30: down to 7.
        Assert.Equal(7, controller.Poll);
    }

    [Fact]
    public void NeverFallsBelowMinPoll()
    {
        var controller = new PollController(6, 10);

        for (int i = 0; i < 100; i++)
        {
            controller.Update(1, Jitter);
        }

        Assert.Equal(6, controller.Poll);
    }

    [Fact]
    public void OffsetsOutsideTheGate_HoldBackTheRise()
    {
        var controller = new PollController(6, 10);
        controller.Update(0, Jitter);
        controller.Update(0, Jitter);
        controller.Update(1, Jitter);

        // 6 + 6 - 12 = 0: six more settled updates are needed.
        for (int i = 0; i < 5; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(6, controller.Poll);
        controller.Update(0, Jitter);
        Assert.Equal(7, controller.Poll);
    }

    [Fact]
    public void StaysAtMinPoll_WhileTheJitterIsAboveTheLimit()
    {
        var controller = new PollController(6, 10);

        for (int i = 0; i < 100; i++)
        {
            controller.Update(0, 2 * PollController.MaxJitterToRise);
        }

        Assert.Equal(6, controller.Poll);
    }

    [Fact]
    public void Falls_WhenTheJitterRisesAboveTheLimit()
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 11; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(8, controller.Poll);

        controller.Update(0, 2 * PollController.MaxJitterToRise);
        controller.Update(0, 2 * PollController.MaxJitterToRise);

        Assert.Equal(7, controller.Poll);
    }

    [Fact]
    public void Reset_ReturnsToMinPoll_AndClearsTheCount()
    {
        var controller = new PollController(6, 10);
        for (int i = 0; i < 10; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(7, controller.Poll);

        controller.Reset();

        Assert.Equal(6, controller.Poll);
        for (int i = 0; i < 5; i++)
        {
            controller.Update(0, Jitter);
        }

        Assert.Equal(6, controller.Poll);
    }
}
