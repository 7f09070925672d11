namespace Meridian.Protocol;

/// <summary>Leap indicator (RFC 5905 §7.3).</summary>
public enum LeapIndicator : byte
{
    NoWarning = 0,
    LastMinuteHas61Seconds = 1,
    LastMinuteHas59Seconds = 2,
    Unsynchronized = 3,
}
