namespace Meridian.Configuration;

/// <summary>A <c>KEY VALUE</c> pair of <c>tos</c>, <c>tinker</c>, <c>discard</c> or <c>ratelimit</c>.</summary>
public sealed record TuningValue(string Key, double Value);
