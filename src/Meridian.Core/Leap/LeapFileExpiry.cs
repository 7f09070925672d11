namespace Meridian.Core.Leap;

/// <summary>How close a leap file is to its <c>#@</c> expiry.</summary>
public enum LeapFileExpiry
{
    Valid,

    /// <summary>Expires within <see cref="LeapFile.ExpiryWarningDays"/> days: warn, still use.</summary>
    ExpiresSoon,

    /// <summary>Past its expiry: it may miss a leap announced since; not used to decide.</summary>
    Expired,
}
