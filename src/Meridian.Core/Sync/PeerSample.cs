using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// A source's state after it answered with a sample: what ntpd writes to peerstats.
/// <paramref name="Time"/> is the served clock when the answer arrived; offset (true minus served
/// time), delay, dispersion and jitter are in seconds, as the <c>peers</c> command shows them;
/// <paramref name="Configured"/> is false for a source found through a pool.
/// </summary>
public sealed record PeerSample(
    NtpTimestamp Time,
    NetEndpoint Address,
    Tally Tally,
    bool Reachable,
    bool Configured,
    double Offset,
    double Delay,
    double Dispersion,
    double Jitter);
