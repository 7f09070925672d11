using Meridian.Core.Sync;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync;

/// <summary>The clock discipline: step, spike suppression, panic, the estimated frequency and bounded slews.</summary>
public class ClockDisciplineTests
{
    private const double Frequency = -12e-6;

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

        DisciplineUpdate update = discipline.Update(offset, Frequency, now);

        Assert.Equal(DisciplineAction.Stepped, update.Action);
        Assert.Equal(before + offset, discipline.Correction.OffsetAt(now), 1e-12);
        Assert.Equal(1, discipline.Correction.Epoch);
        Assert.Equal(Frequency * 50, discipline.Correction.OffsetAt(At(150)) - discipline.Correction.OffsetAt(now), 1e-12);
        Assert.Equal(DisciplineState.Sync, discipline.State);
    }

    [Fact]
    public void TracksTheUpdateIntervalAndTheRmsOffset_AsChronycShowsThem()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 0);

        discipline.Update(0.004, Frequency, At(100));
        Assert.Null(discipline.UpdateInterval);
        Assert.Equal(0.004, discipline.RmsOffset, 12);

        discipline.Update(-0.002, Frequency, At(164));
        Assert.Equal(64, discipline.UpdateInterval);
        Assert.Equal(Math.Sqrt(16e-6 + ((4e-6 - 16e-6) / 8)), discipline.RmsOffset, 12);
    }

    [Fact]
    public void SlewsTheFirstOffset_WhenItIsWithinTheStepThreshold()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 0);

        DisciplineUpdate update = discipline.Update(0.127, Frequency, At(100));

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
        discipline.Update(0.001, Frequency, At(0));
        ClockCorrection settled = discipline.Correction;

        var actions = new[] { 100, 100 + stepout / 2, 100 + stepout - 0.001 }
            .Select(t => discipline.Update(0.5, Frequency, At(t)).Action)
            .ToList();

        Assert.All(actions, a => Assert.Equal(DisciplineAction.SpikeIgnored, a));
        Assert.Same(settled, discipline.Correction);

        MonotonicTime persisted = At(100 + stepout);
        double before = discipline.Correction.OffsetAt(persisted);
        Assert.Equal(DisciplineAction.Stepped, discipline.Update(0.5, Frequency, persisted).Action);
        Assert.Equal(before + 0.5, discipline.Correction.OffsetAt(persisted), 1e-12);
        Assert.Equal(1, discipline.Correction.Epoch);
    }

    [Fact]
    public void RestartsTheStepoutTimer_WhenAnOffsetWithinTheThresholdComesBetweenSpikes()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(StepOutSeconds: 300), 0);
        discipline.Update(0.001, Frequency, At(0));

        var actions = new (double At, double Offset)[] { (100, 0.5), (200, 0.001), (350, 0.5), (500, 0.5), (650, 0.5) }
            .Select(u => discipline.Update(u.Offset, Frequency, At(u.At)).Action)
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
            discipline.Update(0.002, Frequency, At(0));
        }

        ClockCorrection before = discipline.Correction;

        DisciplineUpdate update = discipline.Update(offset, Frequency, At(100));

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

        DisciplineUpdate update = discipline.Update(offset, Frequency, At(10));

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
            .Select(u => discipline.Update(u.Offset, Frequency, At(u.At)).Action)
            .ToList();

        Assert.All(actions, a => Assert.Equal(DisciplineAction.Slewed, a));
        Assert.Equal(0, discipline.Correction.Epoch);
    }

    [Fact]
    public void TakesTheEstimatedFrequency_AndSlewsThePhaseOverHalfTheUpdateInterval()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), null);
        discipline.Update(0, Frequency, At(0));

        discipline.Update(0.0001, Frequency, At(64));

        ClockCorrection c = discipline.Correction;
        Assert.Equal(Frequency, c.Frequency);
        Assert.Equal(At(64 + 32), c.SlewEnd);
        Assert.Equal(0.0001 + Frequency * 100, c.OffsetAt(At(164)) - c.OffsetAt(At(64)), 1e-12);
        Assert.Equal(0.00005, c.RemainingSlew(At(80)), 1e-12);
    }

    [Theory]
    [InlineData(0.1, 10)]
    [InlineData(-0.05, 5)]
    public void SlewsALargeOffsetAtOnePercent(double offset, double seconds)
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), 0);

        Assert.Equal(DisciplineAction.Slewed, discipline.Update(offset, 0, At(100)).Action);

        Assert.Equal(At(100 + seconds), discipline.Correction.SlewEnd);
        Assert.Equal(offset, discipline.Correction.OffsetAt(At(100 + seconds)), 1e-9);
    }

    [Fact]
    public void KeepsTheCorrectionContinuous_AcrossAnUpdate()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), null);
        discipline.Update(0.01, Frequency, At(0));
        double before = discipline.Correction.OffsetAt(At(40));

        discipline.Update(-0.004, 2 * Frequency, At(40));

        Assert.Equal(before, discipline.Correction.OffsetAt(At(40)), 1e-12);
    }

    [Fact]
    public void ClampsTheFrequencyTo500Ppm()
    {
        var discipline = new ClockDiscipline(new DisciplineOptions(), null);

        discipline.Update(0.001, -900e-6, At(0));

        Assert.Equal(-Rfc5905.MaxFrequency, discipline.Correction.Frequency);
    }

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);
}
