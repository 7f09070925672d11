namespace Meridian.Core.Sync;

/// <summary>
/// Discipline thresholds (ntpd's <c>tinker step</c>, <c>stepout</c>, <c>panic</c>): offsets above
/// <see cref="StepThreshold"/> are stepped (at once at start, otherwise after persisting for
/// <see cref="StepOutSeconds"/>; 0: never step, always slew); offsets above
/// <see cref="PanicThreshold"/> are refused (0: never refuse).
/// </summary>
public sealed record DisciplineOptions(double StepThreshold = 0.128, double StepOutSeconds = 300, double PanicThreshold = 1000);
