using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// One measurement of a source (RFC 5905 §8): offset (source minus served clock), round-trip delay
/// and dispersion in seconds, taken at a monotonic time when the served clock's correction stood
/// at <paramref name="Correction"/> (so it can be brought forward, see <see cref="ClockCorrection.Project"/>).
/// </summary>
public readonly record struct NtpSample(double Offset, double Delay, double Dispersion, MonotonicTime Time, double Correction = 0);
