namespace Meridian.Core.Leap;

/// <summary>Where the next leap second (or the knowledge that there is none) comes from.</summary>
public enum LeapSource
{
    /// <summary>No valid leap file and no majority of the selected upstreams announcing one.</summary>
    None,

    /// <summary>A leap file whose hash is verified and which has not expired.</summary>
    File,

    /// <summary>A majority (at least two) of the selected upstreams announce it on the last day of a month.</summary>
    Upstreams,
}
