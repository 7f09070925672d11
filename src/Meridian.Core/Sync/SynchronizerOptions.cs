using Meridian.Core.Leap;

namespace Meridian.Core.Sync;

/// <summary>
/// The synchronization configuration: upstreams, discipline thresholds, <c>tos minsane</c>,
/// <c>minclock</c> and <c>maxdist</c>, the local stratum to serve while not synchronized, the
/// frequency from the drift file, and the local clock's precision.
/// </summary>
public sealed record SynchronizerOptions(
    IReadOnlyList<UpstreamSpec> Upstreams,
    DisciplineOptions Discipline,
    int MinSane = 1,
    int MinClock = 3,
    double MaxDistance = 1.5,
    int? LocalStratum = null,
    double? InitialFrequency = null,
    sbyte Precision = -20)
{
    /// <summary><c>leapsmear INTERVAL</c>: spread leap seconds over the interval instead of announcing them (off: null).</summary>
    public LeapSmear? LeapSmear { get; init; }

    /// <summary>The system clock passes leap seconds itself (the kernel discipline, armed through adjtimex): nothing is added in software.</summary>
    public bool KernelLeaps { get; init; }
}
