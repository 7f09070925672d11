using System.Security.Cryptography;
using Meridian.Core.Sync;

namespace Meridian.Hosting;

/// <summary>The synchronizer's randomness: cryptographic, so request cookies cannot be predicted.</summary>
public sealed class SystemEntropy : IEntropySource
{
    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
