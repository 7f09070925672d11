namespace Meridian.Core.RateLimiting;

/// <summary>
/// What the limiter's settings say about a record's debt, for the table's eviction order: the
/// emission interval and the tolerance (burst − 1 intervals), in table ticks. Passed with each
/// lookup rather than kept by the table, so a reload that changes the limit keeps the table.
/// The default knows no debts.
/// </summary>
public readonly record struct DebtLimits(uint EmissionTicks, uint ToleranceTicks)
{
    /// <summary>Protection from eviction of a young record that owes: a second, or the emission interval if shorter.</summary>
    public uint YoungTicks => Math.Min(EmissionTicks, ClientTable.TicksPerSecond);
}
