namespace Meridian.Core.Nts;

/// <summary>
/// The AEAD algorithms NTS negotiates (IANA "AEAD Algorithms" registry; RFC 8915 §5.1 makes
/// AEAD_AES_SIV_CMAC_256 mandatory). The value is the registry's numeric identifier.
/// </summary>
public enum NtsAead : ushort
{
    /// <summary>AEAD_AES_SIV_CMAC_256 (RFC 5297): 32-byte key.</summary>
    AesSivCmac256 = 15,

    /// <summary>AEAD_AES_SIV_CMAC_512 (RFC 5297): 64-byte key.</summary>
    AesSivCmac512 = 17,
}
