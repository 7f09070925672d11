namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// A network path: a fixed one-way delay per direction (their difference is the asymmetry), an
/// exponentially distributed queueing jitter with the given mean, and packet loss.
/// </summary>
internal sealed record SimLink(double OutboundDelay = 0.0005, double ReturnDelay = 0.0005, double MeanJitter = 0.0001, double Loss = 0)
{
    public double? Outbound(SimRandom random) => Delay(OutboundDelay, random);

    public double? Return(SimRandom random) => Delay(ReturnDelay, random);

    private double? Delay(double fixedDelay, SimRandom random) =>
        random.Chance(Loss) ? null : fixedDelay + (MeanJitter > 0 ? random.Exponential(MeanJitter) : 0);
}
