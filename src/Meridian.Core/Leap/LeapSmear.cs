namespace Meridian.Core.Leap;

/// <summary><c>leapsmear INTERVAL [cosine]</c>: the leap spread over <paramref name="IntervalSeconds"/> centred on the leap.</summary>
public sealed record LeapSmear(double IntervalSeconds, LeapSmearShape Shape)
{
    /// <summary>The fraction of the leap applied at <paramref name="secondsFromStart"/> into the interval (0 before, 1 after).</summary>
    public double Fraction(double secondsFromStart)
    {
        double x = Math.Clamp(secondsFromStart / IntervalSeconds, 0, 1);
        return Shape == LeapSmearShape.Linear ? x : (1 - Math.Cos(Math.PI * x)) / 2;
    }
}
