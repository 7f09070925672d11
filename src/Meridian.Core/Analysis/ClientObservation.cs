namespace Meridian.Core.Analysis;

/// <summary>
/// What is known about one client for the abuse report: when it was first and last seen (seconds
/// before the report), how many packets, drops and RATE kisses, its shortest gap between two
/// requests and its smoothed request interval (null when it sent a single packet).
/// </summary>
public sealed record ClientObservation(
    string Address,
    double FirstSeenAgo,
    double LastSeenAgo,
    long Packets,
    long Drops,
    long Kods,
    double? MinGapSeconds,
    double? IntervalSeconds)
{
    /// <summary>Seconds from the first to the last packet.</summary>
    public double Span => Math.Max(0, FirstSeenAgo - LastSeenAgo);

    /// <summary>Packets per second over the client's span (at least one second).</summary>
    public double PacketsPerSecond => Packets / Math.Max(1, Span);
}
