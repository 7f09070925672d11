using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>What a simulation run produced: the time-error series, the log and the final state.</summary>
internal sealed record SimulationResult(SimScenario Scenario, IReadOnlyList<SimSample> Samples, IReadOnlyList<string> Events, Synchronizer Synchronizer)
{
    public IEnumerable<SimSample> Settled => Samples.Where(s => s.Time >= Scenario.SettleHours * 3600);

    public double RmsError => Math.Sqrt(Settled.Average(s => s.Error * s.Error));

    public double MaxError => Settled.Max(s => Math.Abs(s.Error));

    public double? FirstSynchronized => Samples.FirstOrDefault(s => s.Leap != LeapIndicator.Unsynchronized) is { Stratum: > 0 } first ? first.Time : null;

    public string Summary =>
        $"{Scenario.Name,-44} RMS {RmsError * 1e6,9:0.0} us   max {MaxError * 1e6,9:0.0} us   (after {Scenario.SettleHours:0.#} h of {Scenario.Hours:0.#} h, seed {Scenario.Seed})";
}
