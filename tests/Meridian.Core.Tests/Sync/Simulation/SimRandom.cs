using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>Seeded randomness for the simulation, also the synchronizer's entropy source.</summary>
internal sealed class SimRandom(int seed) : IEntropySource
{
    private readonly Random _random = new(seed);

    public ulong NextUInt64() => (ulong)_random.NextInt64() ^ ((ulong)_random.Next() << 63);

    public double NextDouble() => _random.NextDouble();

    public double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    public bool Chance(double probability) => _random.NextDouble() < probability;
}
