using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>What a simulation run produced: the time-error series, the log, the requests sent and the final state.</summary>
internal sealed record SimulationResult(SimScenario Scenario, IReadOnlyList<SimSample> Samples, IReadOnlyList<string> Events, Synchronizer Synchronizer, IReadOnlyList<double> RequestTimes)
{
    /// <summary>The typed events, as the synchronizer returned them.</summary>
    public IReadOnlyList<SyncEvent> SyncEvents { get; init; } = [];

    /// <summary>What the kernel edge did with the leap bits (kernel mode).</summary>
    public IReadOnlyList<Meridian.Core.Leap.KernelLeapOutcome> KernelLeapOutcomes { get; init; } = [];

    public IEnumerable<SimSample> Settled => Samples.Where(s => s.Time >= Scenario.SettleHours * 3600);

    public double RmsError => Math.Sqrt(Settled.Average(s => s.Error * s.Error));

    public double MaxError => Settled.Max(s => Math.Abs(s.Error));

    /// <summary>Requests sent to each upstream per hour, on average, after the settling time.</summary>
    public double RequestsPerHour
    {
        get
        {
            double settle = Scenario.SettleHours * 3600;
            double hours = Scenario.Hours - Scenario.SettleHours;
            return RequestTimes.Count(t => t >= settle) / hours / Scenario.Upstreams.Count;
        }
    }

    /// <summary>How often the sampled system peer changed.</summary>
    public int SystemPeerChanges => Samples.Zip(Samples.Skip(1)).Count(p => p.First.SystemPeer is not null && p.Second.SystemPeer is not null && p.First.SystemPeer != p.Second.SystemPeer);

    public double? FirstSynchronized => Samples.FirstOrDefault(s => s.Leap != LeapIndicator.Unsynchronized) is { Stratum: > 0 } first ? first.Time : null;

    /// <summary>The largest error between two true times (seconds since the start).</summary>
    public double MaxErrorBetween(double from, double to) => Samples.Where(s => s.Time >= from && s.Time <= to).Max(s => Math.Abs(s.Error));

    public string Summary =>
        $"{Scenario.Name,-44} RMS {RmsError * 1e6,9:0.0} us   max {MaxError * 1e6,9:0.0} us   {RequestsPerHour,5:0.0} req/h per upstream   (after {Scenario.SettleHours:0.#} h of {Scenario.Hours:0.#} h, seed {Scenario.Seed})";
}
