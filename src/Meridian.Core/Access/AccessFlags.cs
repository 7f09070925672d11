namespace Meridian.Core.Access;

/// <summary>What a <c>restrict</c> rule says about serving time to matching clients.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "ntpd calls these restrict flags; the name says what operators know")]
public enum AccessFlags
{
    None = 0,

    /// <summary>Drop every packet (ntpd <c>ignore</c>).</summary>
    Ignore = 1 << 0,

    /// <summary>Do not serve time (ntpd <c>noserve</c>).</summary>
    NoServe = 1 << 1,

    /// <summary>Apply the per-client rate limit (ntpd <c>limited</c>).</summary>
    Limited = 1 << 2,

    /// <summary>Answer a rate-limited request with a RATE kiss, itself rate-limited (ntpd <c>kod</c>).</summary>
    Kod = 1 << 3,
}
