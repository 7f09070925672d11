using Meridian.Core.Serving;

namespace Meridian.Core.Analysis;

/// <summary>
/// NTP traffic over a period and what it costs: packets and bytes in each direction as on the wire
/// (IP and UDP headers included), the distinct clients, and the monthly egress cost. A month is
/// 30 days and a GB 10^9 bytes, as providers bill; only outbound bytes are billed.
/// </summary>
public sealed record TrafficFigures(long PacketsIn, long PacketsOut, long BytesIn, long BytesOut, double Seconds, UniqueCount Clients)
{
    public const double SecondsPerMonth = 30 * 86_400;
    public const double BytesPerGb = 1e9;

    public long BytesTotal => BytesIn + BytesOut;

    public double KbpsIn => Kbps(BytesIn);

    public double KbpsOut => Kbps(BytesOut);

    public double KbpsTotal => Kbps(BytesTotal);

    /// <summary>Outbound bytes projected over a 30-day month, in GB.</summary>
    public double OutboundGbPerMonth => Seconds > 0 ? BytesOut / Seconds * SecondsPerMonth / BytesPerGb : 0;

    public double CostPerMonth(double pricePerGb) => OutboundGbPerMonth * pricePerGb;

    private double Kbps(long bytes) => Seconds > 0 ? bytes * 8 / Seconds / 1000 : 0;
}
