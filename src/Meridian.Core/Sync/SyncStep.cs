using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// What the edge must do after an input: send requests, resolve names, publish the served state
/// and correction, log events, record statistics, and call back at <see cref="NextDeadline"/>.
/// </summary>
public sealed record SyncStep(
    IReadOnlyList<OutgoingRequest> Requests,
    IReadOnlyList<ResolveRequest> Resolves,
    ServerState State,
    ClockCorrection Correction,
    MonotonicTime NextDeadline,
    IReadOnlyList<SyncEvent> Events)
{
    /// <summary>The discipline's updates of the served clock in this step (loopstats).</summary>
    public IReadOnlyList<ClockUpdate> ClockUpdates { get; init; } = [];

    /// <summary>The samples sources answered with in this step (peerstats).</summary>
    public IReadOnlyList<PeerSample> PeerSamples { get; init; } = [];

    /// <summary>With the kernel discipline: the leap second the kernel must be armed for now (STA_INS/STA_DEL), or null to disarm it.</summary>
    public LeapEvent? KernelLeap { get; init; }
}
