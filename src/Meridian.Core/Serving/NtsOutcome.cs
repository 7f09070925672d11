namespace Meridian.Core.Serving;

/// <summary>What the NTS branch of the serving path made of a request (RFC 8915 §5.7).</summary>
public enum NtsOutcome : byte
{
    /// <summary>Verified; the reply carries the echoed unique id and fresh cookies, sealed under S2C.</summary>
    Authenticated = 0,

    /// <summary>The cookie's key is unknown or the cookie does not open: an NTS NAK (kiss NTSN with the unique id).</summary>
    Nak,

    /// <summary>The cookie opened but the authenticator did not verify: dropped.</summary>
    BadAuthenticator,

    /// <summary>NTS fields that break RFC 8915 §5.7's rules: dropped.</summary>
    Malformed,

    /// <summary>The reply could not be made (no nonce bytes, no record left): dropped.</summary>
    Unavailable,
}
