using Meridian.Core.Leap;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>The synchronization state for <c>meridian status</c> and <c>meridian peers</c>.</summary>
public sealed record SyncSnapshot(
    string State,
    string? SystemPeer,
    int Stratum,
    double OffsetMs,
    double FrequencyPpm,
    double RootDelayMs,
    double RootDispersionMs,
    LeapIndicator Leap,
    DisciplineState Discipline,
    IReadOnlyList<SourceSnapshot> Sources)
{
    /// <summary>The served time of the last clock update (the reference timestamp in replies), if any.</summary>
    public NtpTimestamp? ReferenceTime { get; init; }

    /// <summary>The long-term RMS of the offsets the clock was corrected by (chronyc's "RMS offset").</summary>
    public double RmsOffsetMs { get; init; }

    /// <summary>The estimated error bound of the frequency, from the system peer's fit (chronyc's "Skew").</summary>
    public double? SkewPpm { get; init; }

    /// <summary>Seconds between the last two clock updates (chronyc's "Update interval").</summary>
    public double? UpdateIntervalSeconds { get; init; }

    /// <summary>The leap file, the next leap second and where it comes from, and whether it is announced.</summary>
    public LeapSnapshot LeapSecond { get; init; } = LeapSnapshot.None;
}
