namespace Meridian.Core.Nts;

/// <summary>
/// One server master key: cookies are sealed under it with AEAD_AES_SIV_CMAC_256 and carry its
/// <see cref="Id"/> in the clear, so the server finds the key again among the ones it keeps.
/// </summary>
/// <param name="CreatedUnixSeconds">When the key was made (Unix seconds, from the edge's clock): rotation counts from it.</param>
public sealed record NtsMasterKey(uint Id, ReadOnlyMemory<byte> Key, long CreatedUnixSeconds)
{
    /// <summary>The key length: AES-SIV-CMAC-256 takes 32 bytes.</summary>
    public const int KeyLength = 32;
}
