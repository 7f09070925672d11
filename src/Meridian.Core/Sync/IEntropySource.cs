namespace Meridian.Core.Sync;

/// <summary>
/// Randomness, injected: a cryptographic source at the edge, a seeded one in simulation. The core
/// never creates one itself.
/// </summary>
public interface IEntropySource
{
    ulong NextUInt64();

    /// <summary>A uniform value in [0, 1).</summary>
    double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
