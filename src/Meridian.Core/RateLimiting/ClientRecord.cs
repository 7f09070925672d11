using System.Runtime.InteropServices;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// What the table keeps per client, in 32 bytes. Times are <see cref="ClientTable"/> ticks
/// (1/256 s, wrapping after 194 days; differences are taken modulo 2^32).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ClientRecord
{
    /// <summary>MinGap value meaning "no gap seen yet, or at least 1020 ms".</summary>
    public const byte NoGap = byte.MaxValue;

    /// <summary>Milliseconds per unit of <see cref="MinGap"/>.</summary>
    public const int GapUnitMs = 4;

    /// <summary>The client network (see <see cref="ClientKey"/>); 0 marks an empty way.</summary>
    public ulong Key;

    /// <summary>GCRA theoretical arrival time.</summary>
    public uint Tat;

    public uint FirstSeen;

    public uint LastSeen;

    public uint Packets;

    /// <summary>Requests over the limit (saturating).</summary>
    public ushort Drops;

    /// <summary>Low 16 bits of the second of the last KoD sent.</summary>
    public ushort LastKodSecond;

    /// <summary>Smoothed request interval, 1/16 s (saturating).</summary>
    public ushort IntervalSixteenths;

    /// <summary>Shortest gap between two requests, in 4 ms units (saturating; <see cref="NoGap"/> when none).</summary>
    public byte MinGap;

    /// <summary>RATE kisses sent (saturating).</summary>
    public byte Kods;
}
