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
    IReadOnlyList<SourceSnapshot> Sources);
