using System.Runtime.InteropServices;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// The system clock (CLOCK_REALTIME) read with nanosecond resolution, without allocation.
/// </summary>
public static partial class RealtimeClock
{
    private const int ClockRealtime = 0;

    public static NtpTimestamp Now()
    {
        ClockGetTime(ClockRealtime, out Timespec ts);
        return NtpTimestamp.FromUnixTime(ts.Seconds, (uint)ts.Nanoseconds);
    }

    public static long NowUnixNanoseconds()
    {
        ClockGetTime(ClockRealtime, out Timespec ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    /// <summary>
    /// The clock's precision as RFC 5905 defines it: log2 of the larger of its resolution and the
    /// time it takes to read it, from the smallest step seen between consecutive readings.
    /// </summary>
    public static sbyte MeasurePrecision()
    {
        long smallest = long.MaxValue;
        long previous = NowUnixNanoseconds();
        for (int i = 0; i < 10_000; i++)
        {
            long now = NowUnixNanoseconds();
            if (now > previous)
            {
                smallest = Math.Min(smallest, now - previous);
            }

            previous = now;
        }

        double seconds = smallest == long.MaxValue ? 1e-6 : smallest / 1e9;
        return (sbyte)Math.Clamp(Math.Ceiling(Math.Log2(seconds)), -30, 0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    private static partial int ClockGetTime(int clockId, out Timespec timespec);
}
