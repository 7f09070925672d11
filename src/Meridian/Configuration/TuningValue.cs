namespace Meridian.Configuration;

/// <summary>A <c>KEY VALUE</c> pair of <c>tos</c>, <c>tinker</c>, <c>discard</c> or <c>ratelimit</c>.</summary>
public sealed record TuningValue(string Key, double Value)
{
    /// <summary>The value of the last <paramref name="key"/> given (later lines override earlier ones), or null.</summary>
    public static double? Last(IEnumerable<TuningValue> values, string key) => values.LastOrDefault(v => v.Key == key)?.Value;
}
