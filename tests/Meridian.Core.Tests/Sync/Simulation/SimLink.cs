namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// A network path: a fixed one-way delay per direction (their difference is the asymmetry, which
/// no NTP client can see), an exponentially distributed queueing jitter with the given mean, packet
/// loss, and delay spikes: with <see cref="SpikeChance"/> a packet also waits an exponential
/// <see cref="SpikeMean"/> (congestion bursts).
/// </summary>
internal sealed record SimLink(double OutboundDelay = 0.0005, double ReturnDelay = 0.0005, double MeanJitter = 0.0001, double Loss = 0)
{
    public double SpikeChance { get; init; }

    public double SpikeMean { get; init; } = 0.005;

    public double? Outbound(SimRandom random) => Delay(OutboundDelay, random);

    public double? Return(SimRandom random) => Delay(ReturnDelay, random);

    private double? Delay(double fixedDelay, SimRandom random)
    {
        if (random.Chance(Loss))
        {
            return null;
        }

        double delay = fixedDelay + (MeanJitter > 0 ? random.Exponential(MeanJitter) : 0);
        return SpikeChance > 0 && random.Chance(SpikeChance) ? delay + random.Exponential(SpikeMean) : delay;
    }
}
