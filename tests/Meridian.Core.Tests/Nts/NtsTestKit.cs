using Meridian.Core.Nts;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Nts;

/// <summary>
/// A server key ring and a client holding keys and a cookie as after NTS-KE, with seeded
/// randomness (the seed is in <see cref="Seed"/> and in failure messages).
/// </summary>
internal sealed class NtsTestKit
{
    public NtsTestKit(int? seed = null, NtsAead aead = NtsAead.AesSivCmac256)
    {
        Seed = seed ?? Environment.TickCount;
        Random = new Random(Seed);
        Aead = aead;
        Ring = new NtsKeyRingCell(new NtsKeyRing([NewKey(7, 1_000_000)], NtsKeyRing.DefaultRotationSeconds));
        int keyLength = AesSivCmac.KeyLength(aead);
        C2S = Bytes(keyLength);
        S2C = Bytes(keyLength);
        Cookie = IssueCookie();
    }

    public int Seed { get; }

    public Random Random { get; }

    public NtsAead Aead { get; }

    public NtsKeyRingCell Ring { get; }

    public byte[] C2S { get; }

    public byte[] S2C { get; }

    public byte[] Cookie { get; set; }

    public NtsMasterKey NewKey(uint id, long created) => new(id, Bytes(NtsMasterKey.KeyLength), created);

    public NtsRandomFill Fill => destination => Random.NextBytes(destination);

    public NtsResponder Responder() => new(Ring, Fill);

    public ServingPolicy Policy() => new(Meridian.Core.Access.AccessList.Unrestricted, null, null, 1, Responder());

    public byte[] IssueCookie()
    {
        using var codec = new NtsCookieCodec();
        byte[] cookie = new byte[NtsCookieCodec.CookieLength(Aead)];
        codec.Seal(Ring.Current.Current, Aead, C2S, S2C, Bytes(NtsCookieCodec.NonceLength), cookie);
        return cookie;
    }

    public byte[] Bytes(int length)
    {
        byte[] bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A client request with the kit's cookie, a fresh unique id (out) and <paramref name="placeholders"/> placeholders.</summary>
    public byte[] Request(out byte[] uniqueId, int placeholders = 0, byte[]? cookie = null, byte[]? c2s = null)
    {
        uniqueId = Bytes(32);
        byte[] packet = new byte[2048];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        Bytes(8).CopyTo(packet, NtpHeader.TransmitTimestampOffset);
        using var siv = new AesSivCmac();
        siv.SetKey(c2s ?? C2S);
        int length = NtsClientPacket.WriteRequest(packet, uniqueId, cookie ?? Cookie, placeholders, siv, Bytes(16));
        return packet.AsSpan(0, length).ToArray();
    }

    /// <summary>The decrypted fields of a reply verified under S2C, or null.</summary>
    public byte[]? Open(byte[] reply, byte[] uniqueId)
    {
        using var siv = new AesSivCmac();
        siv.SetKey(S2C);
        byte[] plaintext = new byte[reply.Length];
        int length = NtsClientPacket.TryOpenReply(reply, uniqueId, siv, plaintext);
        return length < 0 ? null : plaintext.AsSpan(0, length).ToArray();
    }

    public override string ToString() => $"seed {Seed}";
}
