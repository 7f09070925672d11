using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Serving;

/// <summary>
/// Everything a reply is made from besides the request: the server's state (RFC 5905 §7.3 system
/// variables) and the correction that turns the system clock into the served clock. Immutable, and
/// published as one object (<see cref="ServerStateCell"/>), so a reader never pairs a new correction
/// with an old state or the other way round.
/// </summary>
public sealed record ServedSnapshot(ServerState State, ClockCorrection Correction)
{
    /// <summary>The served clock at this local reading.</summary>
    public NtpTimestamp Serve(LocalTime now) => Correction.Serve(now);
}
