using Meridian.Core.Tests.Sync.Simulation;
using Xunit.Abstractions;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// The sweep behind docs/accuracy.md's held-out figures: issue 11's rows and the variations over
/// any seed range, in software and kernel mode. Runs only when MERIDIAN_ACCURACY_SEEDS is set
/// ("11-30"); MERIDIAN_ACCURACY_MODE is "kernel", "software" or "both" (default both).
/// </summary>
public class AccuracySweepTests(ITestOutputHelper output)
{
    [Fact]
    public void PrintsMedianAndWorstErrors_ForEveryRowAndVariation()
    {
        if (Environment.GetEnvironmentVariable("MERIDIAN_ACCURACY_SEEDS")?.Split('-') is not [string from, string to])
        {
            return;
        }

        int[] seeds = [.. Enumerable.Range(int.Parse(from), int.Parse(to) - int.Parse(from) + 1)];
        string mode = Environment.GetEnvironmentVariable("MERIDIAN_ACCURACY_MODE") ?? "both";
        bool[] kernels = mode switch { "kernel" => [true], "software" => [false], _ => [false, true] };
        var scenarios = ChronyComparison.Rows.Select(r => (r.Name, r.Scenario))
            .Concat(ChronyComparison.Variations)
            .Append(("upstream steps 1 s at 3 h (from 4 h)", ChronyComparison.UpstreamStep));
        output.WriteLine($"seeds {from}-{to}; RMS median (worst) | max median (worst) | req/h per upstream, µs");
        foreach (var (name, scenario) in scenarios)
        {
            foreach (bool kernel in kernels)
            {
                var results = new SimulationResult[seeds.Length];
                Parallel.For(0, seeds.Length, i => results[i] = new SyncSimulation(scenario(seeds[i]) with { KernelMode = kernel }).Run());
                output.WriteLine($"| {name} | {(kernel ? "kernel" : "software")} | {Stats.Median(results.Select(r => r.RmsError)) * 1e6:0.0} ({results.Max(r => r.RmsError) * 1e6:0.0}) "
                    + $"| {Stats.Median(results.Select(r => r.MaxError)) * 1e6:0} ({results.Max(r => r.MaxError) * 1e6:0}) | {Stats.Median(results.Select(r => r.RequestsPerHour)):0.0} |");
            }
        }
    }
}
