using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>The clock discipline: step, spike suppression, panic, frequency measurement and bounded slews.</summary>
public class ClockDisciplineTests
{
    private const double Poll = 64;

    [Theory]
    [InlineData(0.5, null)]
    [InlineData(-3.0, null)]
    [InlineData(0.129, null)]
    [InlineData(0.5, 20e-6)]
    public void StepsAtOnce_WhenTheFirstOffsetIsAboveTheStepThreshold(double offset, double? initialFrequency)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), initialFrequency);
        MonotonicTime now = At(100);
        double before = discipline.Correction.OffsetAt(now);

        DisciplineUpdate update = discipline.Update(offset, now, Poll, new FrequencySample(now, offset));

        Assert.Equal(DisciplineAction.Stepped, update.Action);
        Assert.Equal(before + offset, discipline.Correction.OffsetAt(now), 1e-12);
        Assert.Equal(1, discipline.Correction.Epoch);
        Assert.Equal((initialFrequency ?? 0) * 50, discipline.Correction.OffsetAt(At(150)) - discipline.Correction.OffsetAt(now), 1e-12);
        Assert.Equal(initialFrequency is null ? DisciplineState.FrequencyMeasure : DisciplineState.Sync, discipline.State);
    }

    [Fact]
    public void SlewsTheFirstOffset_WhenItIsWithinTheStepThreshold()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 0);

        DisciplineUpdate update = discipline.Update(0.127, At(100), Poll, new FrequencySample(At(100), 0.127));

        Assert.Equal(DisciplineAction.Slewed, update.Action);
        Assert.Equal(0, discipline.Correction.Epoch);
        Assert.Equal(0, discipline.Correction.OffsetAt(At(100)));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(60)]
    public void IgnoresLaterOffsetsAboveTheStepThresholdAsSpikes_UntilTheyPersistForTheStepout(double stepout)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(StepOutSeconds: stepout), 0);
        discipline.Update(0.001, At(0), Poll, new FrequencySample(At(0), 0.001));
        ClockCorrection settled = discipline.Correction;

        var actions = new[] { 100, 100 + stepout / 2, 100 + stepout - 0.001 }
            .Select(t => discipline.Update(0.5, At(t), Poll, new FrequencySample(At(t), 0.5)).Action)
            .ToList();

        Assert.All(actions, a => Assert.Equal(DisciplineAction.SpikeIgnored, a));
        Assert.Same(settled, discipline.Correction);

        MonotonicTime persisted = At(100 + stepout);
        double before = discipline.Correction.OffsetAt(persisted);
        Assert.Equal(DisciplineAction.Stepped, discipline.Update(0.5, persisted, Poll, new FrequencySample(persisted, 0.5)).Action);
        Assert.Equal(before + 0.5, discipline.Correction.OffsetAt(persisted), 1e-12);
        Assert.Equal(1, discipline.Correction.Epoch);
    }

    [Fact]
    public void RestartsTheStepoutTimer_WhenAnOffsetWithinTheThresholdComesBetweenSpikes()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(StepOutSeconds: 300), 0);
        discipline.Update(0.001, At(0), Poll, new FrequencySample(At(0), 0.001));

        var actions = new (double At, double Offset)[] { (100, 0.5), (200, 0.001), (350, 0.5), (500, 0.5), (650, 0.5) }
            .Select(u => discipline.Update(u.Offset, At(u.At), Poll, new FrequencySample(At(u.At), u.Offset)).Action)
            .ToList();

        Assert.Equal([DisciplineAction.SpikeIgnored, DisciplineAction.Slewed, DisciplineAction.SpikeIgnored, DisciplineAction.SpikeIgnored, DisciplineAction.Stepped], actions);
    }

    [Theory]
    [InlineData(1000.5, false)]
    [InlineData(-2000, false)]
    [InlineData(1000.5, true)]
    public void RefusesOffsetsAbovePanicThreshold_WithoutChangingTheCorrection(double offset, bool afterSync)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 3e-6);
        if (afterSync)
        {
            discipline.Update(0.002, At(0), Poll, new FrequencySample(At(0), 0.002));
        }

        ClockCorrection before = discipline.Correction;

        DisciplineUpdate update = discipline.Update(offset, At(100), Poll, new FrequencySample(At(100), offset));

        Assert.Equal(DisciplineAction.Refused, update.Action);
        Assert.Same(before, discipline.Correction);
        Assert.Equal(DisciplineState.Panic, discipline.State);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(-1e6)]
    public void PanicThresholdZero_NeverRefuses(double offset)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(PanicThreshold: 0), null);

        DisciplineUpdate update = discipline.Update(offset, At(10), Poll, new FrequencySample(At(10), offset));

        Assert.Equal(DisciplineAction.Stepped, update.Action);
        Assert.Equal(offset, discipline.Correction.OffsetAt(At(10)), 1e-9);
        Assert.NotEqual(DisciplineState.Panic, discipline.State);
    }

    /// <summary>
    /// ntpd's <c>tinker step 0</c> means "never step, always slew"; SyncConfiguration maps it straight
    /// onto <see cref="DisciplineOptions.StepThreshold"/>.
    /// </summary>
    [Fact]
    public void StepThresholdZero_NeverSteps_AsNtpdTinkerStepZero()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(StepThreshold: 0), 0);

        var actions = new (double At, double Offset)[] { (0, 0.5), (64, 0.0001), (400, 0.0002) }
            .Select(u => discipline.Update(u.Offset, At(u.At), Poll, new FrequencySample(At(u.At), u.Offset)).Action)
            .ToList();

        Assert.All(actions, a => Assert.Equal(DisciplineAction.Slewed, a));
        Assert.Equal(0, discipline.Correction.Epoch);
    }

    [Fact]
    public void GoesStraightToSync_WithAnInitialFrequency()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 12e-6);

        discipline.Update(0.001, At(0), Poll, new FrequencySample(At(0), 0.001));

        Assert.Equal(DisciplineState.Sync, discipline.State);
        Assert.True(discipline.HasFrequency);
        Assert.Equal(12e-6, discipline.Correction.Frequency);
    }

    [Theory]
    [InlineData(12e-6)]
    [InlineData(-35e-6)]
    [InlineData(0.0)]
    public void WithoutAnInitialFrequency_MeasuresItOver900Seconds_AsTheSlopeOfTrueMinusSystem(double slope)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), null);

        for (int t = 0; t < 900; t += 60)
        {
            discipline.Update(0.0005, At(t), Poll, new FrequencySample(At(t), 0.3 + slope * t));
            Assert.Equal(DisciplineState.FrequencyMeasure, discipline.State);
            Assert.False(discipline.HasFrequency);
            Assert.Equal(0, discipline.Correction.Frequency);
        }

        discipline.Update(0.0005, At(900), Poll, new FrequencySample(At(900), 0.3 + slope * 900));

        Assert.Equal(DisciplineState.Sync, discipline.State);
        Assert.True(discipline.HasFrequency);
        Assert.Equal(slope, discipline.Correction.Frequency, 0.01e-6);
    }

    [Fact]
    public void SlewsAtOffsetOverFourPolls_OnlyUntilTheSlewEnds()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 0);
        MonotonicTime now = At(1000);

        discipline.Update(0.01, now, Poll, new FrequencySample(now, 0.01));

        ClockCorrection c = discipline.Correction;
        double rate = 0.01 / (4 * Poll);
        Assert.Equal(rate * 10, c.OffsetAt(At(1010)) - c.OffsetAt(now), 1e-12);
        Assert.Equal(rate * 32, c.OffsetAt(At(1032)) - c.OffsetAt(now), 1e-12);
        Assert.Equal(rate * Poll, c.OffsetAt(At(1000 + Poll)) - c.OffsetAt(now), 1e-12);
        Assert.Equal(c.OffsetAt(At(1000 + Poll)), c.OffsetAt(At(2000)), 1e-15);
        Assert.Equal(c.OffsetAt(At(1000 + Poll)), c.OffsetAt(At(100_000)), 1e-15);
    }

    [Fact]
    public void KeepsTheCorrectionContinuous_AcrossASlewUpdate()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 5e-6);
        discipline.Update(0.01, At(0), Poll, new FrequencySample(At(0), 0.01));
        double expected = discipline.Correction.OffsetAt(At(40));

        discipline.Update(-0.004, At(40), Poll, new FrequencySample(At(40), 0.006));

        Assert.Equal(expected, discipline.Correction.OffsetAt(At(40)), 1e-12);
        Assert.Equal(0, discipline.Correction.Epoch);
        Assert.True(discipline.Correction.SlewRate < 0, "the new slew follows the new offset");
    }

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);
}
