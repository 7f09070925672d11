using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// One update of the served clock by the discipline (a slew or a step): what ntpd writes to
/// loopstats. <paramref name="Time"/> is the served clock at the update; <paramref name="Offset"/>
/// the combined offset corrected (true minus served time, s); <paramref name="Frequency"/> the
/// correction frequency afterwards (s/s); <paramref name="Jitter"/> the system jitter (s);
/// <paramref name="Poll"/> the system poll exponent (log2 s).
/// </summary>
public sealed record ClockUpdate(NtpTimestamp Time, double Offset, double Frequency, double Jitter, int Poll);
