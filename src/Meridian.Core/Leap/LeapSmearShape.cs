namespace Meridian.Core.Leap;

/// <summary>How a smear spreads the leap second over its interval.</summary>
public enum LeapSmearShape
{
    /// <summary>A constant rate: the frequency offset is 1 s / interval throughout (11.6 ppm over 24 h).</summary>
    Linear,

    /// <summary>Half a cosine: the rate starts and ends at zero, peaking at π/2 times the linear rate in the middle.</summary>
    Cosine,
}
