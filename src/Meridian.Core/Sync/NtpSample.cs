namespace Meridian.Core.Sync;

/// <summary>
/// One measurement of a source (RFC 5905 §8): offset (source minus served clock), round-trip delay
/// and dispersion in seconds, taken at a monotonic time.
/// </summary>
public readonly record struct NtpSample(double Offset, double Delay, double Dispersion, MonotonicTime Time);
