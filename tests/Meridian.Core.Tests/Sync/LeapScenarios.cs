using Meridian.Core.Leap;
using Meridian.Core.Tests.Leap;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// Leap-second scenarios: the simulation starts 26 h before a leap at the end of 2026-11-30 (so the first
/// 2 h are before the announcement day) and runs 2 h past it, with four upstreams on a LAN that leap and
/// announce it, optionally a lying minority, with or without a leap file listing it.
/// </summary>
internal static class LeapScenarios
{
    public const double LeapAt = 26 * 3600;
    public const double AnnounceFrom = 2 * 3600;

    public static readonly NtpTimestamp Epoch = LeapFixture.Utc(2026, 11, 29, 22);

    private static readonly SimLink Lan = new(MeanJitter: 100e-6);

    public static LeapEvent Event(LeapIndicator kind) => new(LeapFixture.Utc(2026, 12, 1), kind);

    /// <summary>Four honest upstreams and a leap of <paramref name="kind"/>; <paramref name="liars"/> more that neither leap nor announce it.</summary>
    public static SimScenario Leap(LeapIndicator kind, bool withFile, bool kernel, int liars = 0, int seed = 1)
    {
        LeapEvent leap = Event(kind);
        var upstreams = SimScenario.Good(4, Lan).Concat(Enumerable.Range(0, liars).Select(i => new SimUpstream($"liar{i}", 0, Lan))).ToList();
        foreach (SimUpstream honest in upstreams.Take(4))
        {
            honest.Leaps = leap;
            honest.Announces = leap;
        }

        return new SimScenario($"{kind} leap, {(withFile ? "file" : "no file")}, {(kernel ? "kernel" : "software")}, {liars} liars", upstreams, 28)
        {
            Seed = seed,
            Epoch = Epoch,
            TrueLeap = leap,
            KernelMode = kernel,
            LeapFile = withFile ? LeapFixture.Parse(kind == LeapIndicator.LastMinuteHas61Seconds ? "insert-2026-11.list" : "delete-2026-11.list") : null,
            DenseSampling = (LeapAt - 3.05, LeapAt + 3, 0.1),
            FirstSampleAt = 0.05,
        };
    }

    /// <summary>No leap, but <paramref name="liars"/> of five upstreams announce an insertion (and do not leap).</summary>
    public static SimScenario LyingMinority(bool withFile, int liars = 2, int seed = 1)
    {
        LeapEvent lie = Event(LeapIndicator.LastMinuteHas61Seconds);
        var upstreams = SimScenario.Good(5 - liars, Lan).Concat(Enumerable.Range(0, liars).Select(i => new SimUpstream($"liar{i}", 0, Lan) { Announces = lie })).ToList();
        return new SimScenario($"no leap, {liars} of 5 announce one, {(withFile ? "file" : "no file")}", upstreams, 28)
        {
            Seed = seed,
            Epoch = Epoch,
            LeapFile = withFile ? LeapFixture.Parse("valid.list") : null,
            DenseSampling = (LeapAt - 3.05, LeapAt + 3, 0.1),
            FirstSampleAt = 0.05,
        };
    }
}
