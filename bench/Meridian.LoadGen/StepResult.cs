using System.Globalization;

namespace Meridian.LoadGen;

/// <summary>
/// One rate step: what was sent and answered, the latency and served-time error percentiles, T4 − T3 (how early the transmit timestamp was read) and T3 − T2 (the server's residence).
/// Program adds kt3-mean/kt3-p99: the server's own kernel TX − T3 in µs over the step (p99 as a bucket bound; "-" without --control).
/// </summary>
internal sealed record StepResult(int Rate, long Sent, long Valid, long Kisses, double[] LatencyMicros, double[] OffsetMicros, double[] TransmitLagMicros, double[] ResidenceMicros)
{
    public double LossPercent => Sent == 0 ? 0 : 100.0 * (Sent - Valid - Kisses) / Sent;

    public static string Header => "rate/s      sent     valid   kisses   loss%   lat-p50us  lat-p99us lat-p999us  lat-maxus  off-p50us  off-p99us  t4-t3-mean  t4-t3-p50  t4-t3-p99  t3-t2-p999  t3-t2-max  kt3-mean  kt3-p99";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rate,6} {Sent,9} {Valid,9} {Kisses,8} {LossPercent,7:0.00} {Percentile(LatencyMicros, 0.5),11:0} {Percentile(LatencyMicros, 0.99),10:0} {Percentile(LatencyMicros, 0.999),10:0} {Max(LatencyMicros),10:0} {Percentile(OffsetMicros, 0.5),10:0} {Percentile(OffsetMicros, 0.99),10:0} {Mean(TransmitLagMicros),11:0.0} {Percentile(TransmitLagMicros, 0.5),10:0.0} {Percentile(TransmitLagMicros, 0.99),10:0.0} {Percentile(ResidenceMicros, 0.999),11:0} {Max(ResidenceMicros),10:0}");

    public static double Max(double[] values) => values.Length == 0 ? -1 : values.Max();

    public static double Mean(double[] values) => values.Length == 0 ? -1 : values.Average();

    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return -1;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
