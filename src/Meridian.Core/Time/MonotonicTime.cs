namespace Meridian.Core.Time;

/// <summary>
/// Scheduling time: nanoseconds of a clock that never steps (CLOCK_MONOTONIC at the edge, virtual
/// time in simulation). Never mixed with wire time (<see cref="Protocol.NtpTimestamp"/>).
/// </summary>
public readonly record struct MonotonicTime(long Nanoseconds) : IComparable<MonotonicTime>
{
    public static MonotonicTime Zero => default;

    public static MonotonicTime MaxValue => new(long.MaxValue);

    public MonotonicTime AddSeconds(double seconds) => new(Nanoseconds + (long)Math.Round(seconds * 1e9));

    public double SecondsSince(MonotonicTime earlier) => (Nanoseconds - earlier.Nanoseconds) / 1e9;

    public int CompareTo(MonotonicTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(MonotonicTime a, MonotonicTime b) => a.Nanoseconds < b.Nanoseconds;

    public static bool operator >(MonotonicTime a, MonotonicTime b) => a.Nanoseconds > b.Nanoseconds;

    public static bool operator <=(MonotonicTime a, MonotonicTime b) => a.Nanoseconds <= b.Nanoseconds;

    public static bool operator >=(MonotonicTime a, MonotonicTime b) => a.Nanoseconds >= b.Nanoseconds;

    public static MonotonicTime Min(MonotonicTime a, MonotonicTime b) => a < b ? a : b;

    public static MonotonicTime Max(MonotonicTime a, MonotonicTime b) => a > b ? a : b;

    public override string ToString() => $"{Nanoseconds / 1e9:0.000000}s";
}
