using Meridian.Core.Leap;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>One simulated situation: the local oscillator, the upstreams, how long, and what happens when.</summary>
internal sealed record SimScenario(string Name, IReadOnlyList<SimUpstream> Upstreams, double Hours)
{
    /// <summary>2026-11-22T00:00:00Z.</summary>
    public static readonly NtpTimestamp DefaultEpoch = NtpTimestamp.FromUnixTime(1_795_305_600, 0);

    public int Seed { get; init; } = 1;

    public double FrequencyError { get; init; } = 10e-6;

    public double WanderPerSqrtSecond { get; init; } = 1e-10;

    public double InitialOffset { get; init; }

    /// <summary>Amplitude of a temperature-like sine on the frequency error (0: none).</summary>
    public double SineAmplitude { get; init; }

    public double SinePeriodSeconds { get; init; } = 6 * 3600;

    public DisciplineOptions Discipline { get; init; } = new();

    /// <summary>How often the served clock's error is sampled.</summary>
    public double SampleEverySeconds { get; init; } = 10;

    /// <summary>When the regular samples start (a phase off whole seconds keeps them off a leap's instant, where UTC labels are ambiguous).</summary>
    public double FirstSampleAt { get; init; }

    public NtpTimestamp Epoch { get; init; } = DefaultEpoch;

    /// <summary>Time errors are measured after this many hours.</summary>
    public double SettleHours { get; init; } = 2;

    public SourceOptions SourceOptions { get; init; } = new(Iburst: true);

    public double? InitialFrequency { get; init; }

    /// <summary>The correction carried out on a simulated kernel clock through adjtimex's tick and frequency (<c>enable kernel</c>), not added in software.</summary>
    public bool KernelMode { get; init; }

    /// <summary>From this true time (seconds) the time to serve is true time plus these seconds (the upstreams' time stepped).</summary>
    public (double At, double Seconds)? ReferenceStep { get; init; }

    /// <summary>Things that happen at a true time (seconds): a clock step, upstreams going silent.</summary>
    public IReadOnlyList<(double At, Action<SyncSimulation> Act)> Events { get; init; } = [];

    /// <summary>The leap second true UTC makes (the upstreams that leap follow it), or none.</summary>
    public LeapEvent? TrueLeap { get; init; }

    /// <summary><c>leapsmear</c>: the synchronizer smears instead of announcing.</summary>
    public LeapSmear? LeapSmear { get; init; }

    /// <summary>The leap file handed to the synchronizer at the start, or none.</summary>
    public LeapFile? LeapFile { get; init; }

    /// <summary>Extra samples every <c>Every</c> seconds of true time between <c>From</c> and <c>To</c> (around a leap).</summary>
    public (double From, double To, double Every)? DenseSampling { get; init; }

    public static IReadOnlyList<SimUpstream> Good(int count, SimLink link) =>
        Enumerable.Range(0, count).Select(i => new SimUpstream($"good{i}", 0, link)).ToList();
}
