using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Nts;

/// <summary>
/// The one check of a reply to an <see cref="NtsClientRequest"/>, for <c>meridian query --nts</c> and
/// the NTS upstreams alike: first the NTP checks and measurement every client shares
/// (<see cref="SntpReply"/> over <see cref="ServerReply"/>), then RFC 8915 §5.7 — the unique id
/// echoed and the authenticator verified under the S2C key, or an NTS NAK (kiss NTSN echoing the
/// unique id). Hostile bytes give a verdict, never an exception.
/// </summary>
public static class NtsClientReply
{
    private const int MaxFields = 32;

    /// <param name="s2c">Keyed with the S2C key from NTS-KE.</param>
    public static NtsClientResult Evaluate(ReadOnlySpan<byte> packet, NtsClientRequest request, AesSivCmac s2c, NtpTimestamp t1, NtpTimestamp t4)
    {
        SntpResult sntp = SntpReply.Evaluate(packet, request.Transmit, t1, t4);
        if (sntp.Status is SntpStatus.TooShort or SntpStatus.WrongMode or SntpStatus.OriginMismatch)
        {
            return new NtsClientResult(sntp, NtsAuthentication.NotAuthenticated, []);
        }

        NtsAuthentication authentication = Authenticate(packet, request.UniqueId, s2c, out IReadOnlyList<byte[]> cookies);
        return new NtsClientResult(sntp, authentication, cookies);
    }

    /// <summary>
    /// The NTS part alone (for a reply whose NTP header the caller checks): authenticated with the
    /// decrypted cookies, an NTS NAK (kiss NTSN echoing <paramref name="uniqueId"/>), or neither.
    /// </summary>
    public static NtsAuthentication Authenticate(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> uniqueId, AesSivCmac s2c, out IReadOnlyList<byte[]> cookies)
    {
        cookies = [];
        if (!NtpHeader.TryRead(packet, out NtpHeader header))
        {
            return NtsAuthentication.NotAuthenticated;
        }

        byte[] plaintext = new byte[packet.Length];
        int length = NtsClientPacket.TryOpenReply(packet, uniqueId, s2c, plaintext);
        if (length >= 0)
        {
            cookies = NtsClientPacket.Cookies(plaintext.AsSpan(0, length));
            return NtsAuthentication.Authenticated;
        }

        bool nak = header.Stratum == 0 && header.ReferenceId == KissCode.Ntsn && EchoesUniqueId(packet, uniqueId);
        return nak ? NtsAuthentication.Nak : NtsAuthentication.NotAuthenticated;
    }

    private static bool EchoesUniqueId(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> uniqueId)
    {
        var reader = new ExtensionFieldReader(packet[NtpHeader.Size..], MaxFields);
        while (reader.TryReadNext(out ExtensionField field))
        {
            if (field.Type == NtsFieldType.UniqueIdentifier)
            {
                return field.Value.SequenceEqual(uniqueId);
            }
        }

        return false;
    }
}
