namespace Meridian.Core.Nts;

/// <summary>What opening a cookie found.</summary>
public enum NtsCookieOpening : byte
{
    Opened = 0,

    /// <summary>The cookie names a key the ring no longer (or never) held: it expired, or is another server's.</summary>
    UnknownKey,

    /// <summary>Wrong length, a failed tag or contents that are not a cookie.</summary>
    Invalid,
}
