using Meridian.Configuration;
using Meridian.Core.Sync;

namespace Meridian.Hosting;

/// <summary>Maps the ntp.conf-dialect options onto the synchronizer's options.</summary>
public static class SyncConfiguration
{
    /// <summary>The <c>server</c> and <c>pool</c> lines as the synchronizer's upstreams (also what a reload hands it).</summary>
    public static IReadOnlyList<UpstreamSpec> Upstreams(MeridianOptions options) =>
        options.Upstreams.Select(u => new UpstreamSpec(
            u.Host,
            (ushort)u.Port,
            u.Kind == UpstreamKind.Pool,
            u.Kind == UpstreamKind.Pool ? u.MaxSources : 1,
            new SourceOptions(u.MinPoll, u.MaxPoll, u.Iburst, u.Prefer, u.NoSelect) { Nts = u.Nts ? new NtsUpstream(u.Host, u.NtsPort) : null })).ToList();

    /// <param name="kernelLeaps">The kernel discipline is in use: the kernel clock passes leap seconds (armed through adjtimex).</param>
    public static SynchronizerOptions From(MeridianOptions options, double? driftPpm, sbyte precision, bool kernelLeaps = false)
    {
        var upstreams = Upstreams(options);
        var discipline = new DisciplineOptions(
            TuningValue.Last(options.Tinker, "step") ?? 0.128,
            TuningValue.Last(options.Tinker, "stepout") ?? 300,
            TuningValue.Last(options.Tinker, "panic") ?? 1000);
        return new SynchronizerOptions(
            upstreams,
            discipline,
            (int)(TuningValue.Last(options.Tos, "minsane") ?? 1),
            (int)(TuningValue.Last(options.Tos, "minclock") ?? 3),
            TuningValue.Last(options.Tos, "maxdist") ?? 1.5,
            options.LocalClockStratum,
            driftPpm / 1e6,
            precision)
        {
            LeapSmear = options.LeapSmear,
            KernelLeaps = kernelLeaps,
        };
    }
}
