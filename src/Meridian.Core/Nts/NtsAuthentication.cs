namespace Meridian.Core.Nts;

/// <summary>What the NTS check of a reply found (RFC 8915 §5.7).</summary>
public enum NtsAuthentication
{
    /// <summary>The unique id is echoed and the authenticator verifies under the S2C key.</summary>
    Authenticated,

    /// <summary>No verifying authenticator (tampered, wrong key, missing fields, or not an answer at all): no time may be taken from it.</summary>
    NotAuthenticated,

    /// <summary>An NTS NAK: a kiss-o'-death NTSN echoing our unique id; the cookie was refused, a fresh NTS-KE is needed.</summary>
    Nak,
}
