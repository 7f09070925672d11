namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// A pcapng interface: its link type, snap length and timestamp resolution (<c>if_tsresol</c>: high bit
/// clear = 10^-n s, set = 2^-n s; default microseconds).
/// </summary>
internal readonly record struct PcapNgInterface(int LinkType, uint SnapLength, byte Resolution)
{
    public const byte Microseconds = 6;

    /// <summary>Nanoseconds since the epoch; a time past the range of a long (after 2262) saturates rather than wrapping.</summary>
    public long ToNanoseconds(ulong units)
    {
        int exponent = Resolution & 0x7f;
        UInt128 nanoseconds = (Resolution & 0x80) != 0 ? (UInt128)units * 1_000_000_000 >> exponent
            : exponent <= 9 ? (UInt128)units * Pow10(9 - exponent)
            : units / Pow10(Math.Min(exponent - 9, 19));
        return nanoseconds > long.MaxValue ? long.MaxValue : (long)nanoseconds;
    }

    private static ulong Pow10(int n)
    {
        ulong value = 1;
        for (int i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }
}
