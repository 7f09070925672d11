using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Control;

/// <summary>
/// What clients get in every reply now: the stratum (16 when the server says it is not synchronized),
/// leap indicator and reference id of the published <see cref="ServerState"/>. <see cref="LocalClock"/>
/// is true when the synchronizer is not synchronized but the server serves its local clock
/// (<c>local stratum N</c>), so clients see a valid stratum although no upstream is followed.
/// </summary>
public sealed record ServedState(int Stratum, LeapIndicator Leap, string ReferenceId, bool LocalClock)
{
    public static ServedState From(ServerState state, SyncSnapshot sync)
    {
        int stratum = state.IsSynchronized ? state.Stratum : Rfc5905.MaxStratum;
        bool local = state.IsSynchronized && sync.State is not ("synchronized" or "holdover");
        return new ServedState(stratum, state.Leap, SourceSnapshot.FormatReferenceId(state.ReferenceId, state.Stratum), local);
    }
}
