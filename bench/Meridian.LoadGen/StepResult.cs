using System.Globalization;

namespace Meridian.LoadGen;

/// <summary>One rate step: what was sent and answered, and the latency and served-time error percentiles.</summary>
internal sealed record StepResult(int Rate, long Sent, long Valid, long Kisses, double[] LatencyMicros, double[] OffsetMicros)
{
    public double LossPercent => Sent == 0 ? 0 : 100.0 * (Sent - Valid - Kisses) / Sent;

    public static string Header => "rate/s      sent     valid   kisses   loss%   lat-p50us  lat-p99us  off-p50us  off-p99us";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rate,6} {Sent,9} {Valid,9} {Kisses,8} {LossPercent,7:0.00} {Percentile(LatencyMicros, 0.5),11:0} {Percentile(LatencyMicros, 0.99),10:0} {Percentile(OffsetMicros, 0.5),10:0} {Percentile(OffsetMicros, 0.99),10:0}");

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
