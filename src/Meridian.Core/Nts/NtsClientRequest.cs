using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Nts;

/// <summary>
/// An NTS-protected client request (RFC 8915 §5.7): the data-minimized <see cref="SntpRequest"/>
/// header (random transmit timestamp) followed by the Unique Identifier, one cookie,
/// <c>placeholders</c> Cookie Placeholders and the Authenticator sealed under the C2S key.
/// Randomness (the transmit value, the unique id, the nonce) comes in as arguments.
/// </summary>
public sealed record NtsClientRequest(NtpTimestamp Transmit, byte[] UniqueId, byte[] Packet)
{
    public const int UniqueIdLength = 32;
    public const int NonceLength = 16;

    /// <param name="c2s">Keyed with the C2S key from NTS-KE.</param>
    public static NtsClientRequest Create(ulong random, ReadOnlySpan<byte> uniqueId, ReadOnlySpan<byte> cookie, int placeholders, AesSivCmac c2s, ReadOnlySpan<byte> nonce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(uniqueId.Length, UniqueIdLength);
        ArgumentOutOfRangeException.ThrowIfNegative(placeholders);
        SntpRequest header = SntpRequest.Create(random);
        int room = NtpHeader.Size + (uniqueId.Length + 8) + ((placeholders + 1) * (cookie.Length + 8)) + nonce.Length + AesSivCmac.TagLength + 16;
        byte[] packet = new byte[room];
        header.Packet.CopyTo(packet, 0);
        int length = NtsClientPacket.WriteRequest(packet, uniqueId, cookie, placeholders, c2s, nonce);
        return new NtsClientRequest(header.Transmit, uniqueId.ToArray(), packet.AsSpan(0, length).ToArray());
    }
}
