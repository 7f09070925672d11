namespace Meridian.Configuration;

/// <summary>The values a tuning key accepts.</summary>
public readonly record struct TuningRange(double Min, double Max, bool WholeNumbers = false);
