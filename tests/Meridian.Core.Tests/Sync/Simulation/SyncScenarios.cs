using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// The scenarios of <see cref="SyncScenarioTests"/> as functions of the seed, so the same
/// definitions serve the tests (seed 1, or seeds 1–6) and the seed sweep of docs/accuracy.md.
/// </summary>
internal static class SyncScenarios
{
    public const double LostAt = 3 * 3600;
    public const double LocalStepAt = 3 * 3600;

    private static readonly SimLink Lan = new(MeanJitter: 100e-6);

    public static SimScenario Jitter1Ms(int seed) => new("4 good upstreams, 1 ms jitter", SimScenario.Good(4, new SimLink(MeanJitter: 1e-3)), 10) { Seed = seed };

    public static SimScenario Jitter10Us(int seed) => new("4 good upstreams, 10 us jitter", SimScenario.Good(4, new SimLink(MeanJitter: 10e-6)), 10) { Seed = seed };

    public static SimScenario Converge(int seed) => new("converge from 0.5 s and +50 ppm", SimScenario.Good(4, Lan), 8)
    {
        Seed = seed,
        InitialOffset = 0.5,
        FrequencyError = 50e-6,
    };

    public static SimScenario PacketLoss(int seed) => new("30 % packet loss", SimScenario.Good(4, Lan with { Loss = 0.3 }), 10) { Seed = seed };

    public static SimScenario Falseticker(int seed) =>
        new("one falseticker (+200 ms) among four", SimScenario.Good(3, Lan).Append(new SimUpstream("wrong", 0.2, Lan)).ToList(), 8) { Seed = seed };

    public static SimScenario NoMajority(int seed) =>
        new("no majority (0, +0.5, -0.4, +1.0 s)", new[] { 0.0, 0.5, -0.4, 1.0 }.Select((e, i) => new SimUpstream($"s{i}", e, Lan)).ToList(), 4)
        {
            Seed = seed,
            InitialOffset = 0.05,
        };

    public static SimScenario AllLost(int seed)
    {
        var upstreams = SimScenario.Good(4, Lan);
        return new SimScenario("all upstreams lost at 3 h", upstreams, 34)
        {
            Seed = seed,
            SettleHours = 2,
            Events = [(LostAt, _ => upstreams.ToList().ForEach(u => u.SilentFrom = LostAt))],
        };
    }

    public static SimScenario RateKiss(int seed) =>
        new("one upstream sends RATE kisses", SimScenario.Good(3, Lan).Append(new SimUpstream("kisser", 0, Lan) { SendsRateKiss = true }).ToList(), 6) { Seed = seed };

    public static SimScenario InitialOffset10S(int seed) => new("10 s initial offset", SimScenario.Good(4, Lan), 6) { Seed = seed, InitialOffset = -10 };

    public static SimScenario LocalClockStep(int seed) => new("local clock stepped +0.5 s at 3 h", SimScenario.Good(4, Lan), 8)
    {
        Seed = seed,
        SettleHours = 4,
        Events = [(LocalStepAt, sim => sim.Oscillator.SystemOffset += 0.5)],
    };

    public static SimScenario EraRollover(int seed) => new("across the 2036 era rollover", SimScenario.Good(4, Lan), 8)
    {
        Seed = seed,
        Epoch = NtpTimestamp.FromUnixTime(2_085_978_496 - 4 * 3600, 0),
    };

    public static IReadOnlyList<Func<int, SimScenario>> All { get; } =
        [Jitter1Ms, Jitter10Us, Converge, PacketLoss, Falseticker, NoMajority, AllLost, RateKiss, InitialOffset10S, LocalClockStep, EraRollover];
}
