using Meridian.Core.Tests.Sync.Simulation;
using Xunit.Abstractions;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// The seed sweep behind docs/accuracy.md: every scenario over seeds 1..N, RMS and max error per
/// seed. It runs only when MERIDIAN_SWEEP_SEEDS is set (N, e.g. 12); otherwise it does nothing.
/// </summary>
public class SyncScenarioSweepTests(ITestOutputHelper output)
{
    [Fact]
    public void PrintsRmsErrorPerSeed_ForEveryScenario()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("MERIDIAN_SWEEP_SEEDS"), out int seeds))
        {
            return;
        }

        foreach (Func<int, SimScenario> scenario in SyncScenarios.All)
        {
            var results = Enumerable.Range(1, seeds).Select(seed => new SyncSimulation(scenario(seed)).Run()).ToList();
            var rms = results.Select(r => r.RmsError * 1e6).ToList();
            var sorted = rms.Order().ToList();
            double median = (sorted[(seeds - 1) / 2] + sorted[seeds / 2]) / 2;
            output.WriteLine($"{results[0].Scenario.Name,-40} median {median,7:0.0}  worst {sorted[^1],7:0.0}  | {string.Join(" ", rms.Select(r => $"{r,6:0.0}"))}");
        }
    }
}
