using System.Net;

namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// The NTP traffic of a capture and how it was found: the server (given or inferred), the runner-up
/// when inferred, the packets skipped by reason, and why reading stopped early if it did.
/// </summary>
public sealed record CaptureTraffic(
    TrafficFigures Figures,
    IPAddress? Server,
    bool ServerInferred,
    IPAddress? RunnerUp,
    long RunnerUpPackets,
    long ServerPackets,
    long PacketsRead,
    long Undecodable,
    long NotOnPort,
    long NotServer,
    string? Problem)
{
    /// <summary>
    /// An inferred server is ambiguous when another address is on the NTP port's side in at least half
    /// as many packets (two servers in one capture, or clients that also send from port 123 and few of them).
    /// </summary>
    public bool Ambiguous => ServerInferred && RunnerUp is not null && RunnerUpPackets * 2 >= ServerPackets;

    public long Skipped => Undecodable + NotOnPort + NotServer;
}
