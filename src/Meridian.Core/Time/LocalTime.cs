using Meridian.Protocol;

namespace Meridian.Core.Time;

/// <summary>One reading of the local clocks: the monotonic clock and the system (realtime) clock.</summary>
public readonly record struct LocalTime(MonotonicTime Monotonic, NtpTimestamp System);
