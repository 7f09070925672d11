using Meridian.Core.Sync;

namespace Meridian.Net.Tests;

/// <summary>Seeded randomness for a synchronizer under test (the seed is in the test that makes it).</summary>
internal sealed class TestEntropy(int seed) : IEntropySource
{
    private readonly Random _random = new(seed);

    public ulong NextUInt64() => (ulong)_random.NextInt64() ^ ((ulong)_random.Next() << 63);
}
