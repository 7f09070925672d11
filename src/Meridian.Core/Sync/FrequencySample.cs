namespace Meridian.Core.Sync;

/// <summary>
/// The system peer's latest measurement expressed against the uncorrected system clock: true time
/// minus system time at the moment the sample was taken. Steps and slews of the served clock do not
/// change it, so its slope over time is the system clock's frequency error.
/// </summary>
public readonly record struct FrequencySample(MonotonicTime Time, double TrueMinusSystem);
