using Meridian.Core.Analysis;
using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Analysis;

/// <summary>The NTP Pool monitor's scorer: the step per check and the recurrence score = step + 0.95 · score.</summary>
public class PoolScoreTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.010, 1)]
    [InlineData(-0.025, 1)]
    [InlineData(0.025, 1)]
    public void Step_IsPlusOne_UpTo25Milliseconds(double offset, double step)
    {
        Assert.Equal(step, PoolScore.StepForOffset(offset), 12);
    }

    [Theory]
    [InlineData(0.0625, 0.75)]
    [InlineData(-0.0625, 0.75)]
    [InlineData(0.100, 0.5)]
    [InlineData(0.060, 1 - 0.5 * 35 / 75.0)]
    public void Step_FallsLinearlyToOneHalf_At100Milliseconds(double offset, double step)
    {
        Assert.Equal(step, PoolScore.StepForOffset(offset), 12);
    }

    [Theory]
    [InlineData(0.425, -0.25)]
    [InlineData(0.750, -1)]
    [InlineData(-0.750, -1)]
    [InlineData(0.400, 0.5 - 1.5 * 300 / 650.0)]
    public void Step_FallsLinearlyToMinusOne_At750Milliseconds(double offset, double step)
    {
        Assert.Equal(step, PoolScore.StepForOffset(offset), 12);
    }

    [Theory]
    [InlineData(0.7501, -2)]
    [InlineData(3, -2)]
    [InlineData(-3, -2)]
    [InlineData(3.0001, -4)]
    [InlineData(-100, -4)]
    [InlineData(double.NaN, -4)]
    public void Step_IsMinusTwo_UpTo3Seconds_AndMinusFourBeyond(double offset, double step)
    {
        Assert.Equal(step, PoolScore.StepForOffset(offset), 12);
    }

    [Fact]
    public void Step_IsMinusFour_ForStratum8AndAbove_WhateverTheOffset()
    {
        Assert.Equal(-4, PoolScore.Step(new SntpResult(SntpStatus.Valid, Stratum: 8), 0));
        Assert.Equal(1, PoolScore.Step(new SntpResult(SntpStatus.Valid, Stratum: 7), 0));
    }

    [Fact]
    public void Step_IsMinusFive_ForNoAnswer_OrAnInvalidReply()
    {
        Assert.Equal(-5, PoolScore.Step(null, 0));
        Assert.Equal(-5, PoolScore.Step(SntpResult.Failed(SntpStatus.NoReply), 0));
        Assert.Equal(-5, PoolScore.Step(SntpResult.Failed(SntpStatus.OriginMismatch), 0));
    }

    [Theory]
    [InlineData("RATE", -3.5)]
    [InlineData("DENY", -10)]
    [InlineData("RSTR", -10)]
    [InlineData("INIT", -2)]
    [InlineData("STEP", -2)]
    public void Step_ForKisses_RateMinus3Point5_DenyAndRstrMinus10_OthersMinus2(string code, double step)
    {
        Assert.Equal(step, PoolScore.Step(new SntpResult(SntpStatus.Kiss, ReferenceId: ReferenceId.FromAscii(code)), 0));
    }

    [Fact]
    public void Step_IsMinusTwo_ForAnUnsynchronizedServer()
    {
        Assert.Equal(-2, PoolScore.Step(new SntpResult(SntpStatus.Unsynchronized, Stratum: 16), 0));
    }

    [Fact]
    public void Score_IsStepPlus95PercentOfTheOldScore_StartingAtZero()
    {
        double score = 0;
        var scores = new List<double>();
        for (int i = 0; i < 4; i++)
        {
            score = PoolScore.Next(score, 1);
            scores.Add(score);
        }

        Assert.Equal([1, 1.95, 2.8525, 3.709875], scores.Select(s => Math.Round(s, 9)));
        Assert.False(PoolScore.InPool(score));
    }

    [Fact]
    public void Score_ApproachesTwenty_AndEntersThePoolAbove10()
    {
        double score = 0;
        int checks = 0;
        while (!PoolScore.InPool(score))
        {
            score = PoolScore.Next(score, 1);
            checks++;
        }

        for (int i = 0; i < 1000; i++)
        {
            score = PoolScore.Next(score, 1);
        }

        Assert.Equal(14, checks); // 20 · (1 − 0.95^n) > 10 first at n = 14
        Assert.Equal(PoolScore.Maximum, score, 9);
        Assert.True(PoolScore.Next(PoolScore.Maximum, 1) <= PoolScore.Maximum + 1e-12);
    }
}
