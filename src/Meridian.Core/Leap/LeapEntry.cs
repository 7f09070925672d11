using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>One data line of <c>leap-seconds.list</c>: from <paramref name="At"/> (00:00:00 UTC of a day) TAI − UTC is <paramref name="TaiMinusUtc"/> seconds.</summary>
public readonly record struct LeapEntry(NtpTimestamp At, int TaiMinusUtc, int Line);
