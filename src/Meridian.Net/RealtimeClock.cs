using System.Runtime.InteropServices;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// The system clock (CLOCK_REALTIME) and the monotonic clock, read with nanosecond resolution
/// through the vDSO, without allocation.
/// </summary>
public static partial class RealtimeClock
{
    private const int ClockRealtime = 0;
    private const int ClockMonotonic = 1;

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

    /// <summary>Both local clocks, read back to back: the monotonic one for scheduling, the system one for time.</summary>
    public static LocalTime ReadLocal()
    {
        ClockGetTime(ClockMonotonic, out Timespec mono);
        ClockGetTime(ClockRealtime, out Timespec real);
        return new LocalTime(
            new MonotonicTime(mono.Seconds * 1_000_000_000 + mono.Nanoseconds),
            NtpTimestamp.FromUnixTime(real.Seconds, (uint)real.Nanoseconds));
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
