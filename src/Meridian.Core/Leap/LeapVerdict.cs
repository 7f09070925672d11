using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// The leap decision at one moment: the next leap second (if any) and where it comes from; whether the
/// served replies announce it now (the last day before it); and whether the upstreams' majority
/// disagrees with the leap file (the file wins; the disagreement is reported). <see cref="LeapSource.File"/>
/// with no next leap means the file decides and lists none.
/// </summary>
public sealed record LeapVerdict(LeapEvent? Next, LeapSource Source, bool Announced, bool UpstreamsDisagree)
{
    public static LeapVerdict None { get; } = new(null, LeapSource.None, false, false);

    /// <summary>The leap indicator a synchronized server serves now: 1 or 2 while announced, else 0.</summary>
    public LeapIndicator Indicator => Announced && Next is LeapEvent next ? next.Kind : LeapIndicator.NoWarning;
}
