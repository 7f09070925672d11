using System.Security.Cryptography;
using Meridian.Core.Nts;
using Meridian.Protocol;

namespace Meridian.Net.Tests.Nts;

/// <summary>
/// What a client holds after NTS-KE — C2S and S2C keys and cookies from the server's own issuer —
/// and the NTP exchange it then makes: requests with unique id, cookie, placeholders, authenticator;
/// replies verified and their cookies kept.
/// </summary>
internal sealed class NtsClientSession : IDisposable
{
    private readonly AesSivCmac _c2s = new();
    private readonly AesSivCmac _s2c = new();
    private readonly Queue<byte[]> _cookies = new();

    public NtsClientSession(INtsCookieIssuer issuer, NtsAead aead = NtsAead.AesSivCmac256, int cookies = 8)
    {
        int keyLength = AesSivCmac.KeyLength(aead);
        C2S = RandomNumberGenerator.GetBytes(keyLength);
        S2C = RandomNumberGenerator.GetBytes(keyLength);
        _c2s.SetKey(C2S);
        _s2c.SetKey(S2C);
        for (int i = 0; i < cookies; i++)
        {
            byte[] cookie = new byte[issuer.CookieLength(aead)];
            issuer.Issue(aead, C2S, S2C, cookie);
            _cookies.Enqueue(cookie);
        }
    }

    public byte[] C2S { get; }

    public byte[] S2C { get; }

    public int CookiesHeld => _cookies.Count;

    public byte[] UniqueId { get; private set; } = [];

    /// <summary>A request spending one cookie and asking for <paramref name="placeholders"/> more.</summary>
    public byte[] Request(int placeholders = 0, byte[]? cookie = null)
    {
        UniqueId = RandomNumberGenerator.GetBytes(32);
        byte[] packet = new byte[1024];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        RandomNumberGenerator.Fill(packet.AsSpan(NtpHeader.TransmitTimestampOffset, 8));
        int length = NtsClientPacket.WriteRequest(packet, UniqueId, cookie ?? _cookies.Dequeue(), placeholders, _c2s, RandomNumberGenerator.GetBytes(16));
        return packet.AsSpan(0, length).ToArray();
    }

    /// <summary>Verifies a reply to the last request and keeps its cookies; the number of cookies, or -1 when it does not verify.</summary>
    public int Accept(byte[] reply)
    {
        byte[] plaintext = new byte[reply.Length];
        int length = NtsClientPacket.TryOpenReply(reply, UniqueId, _s2c, plaintext);
        if (length < 0)
        {
            return -1;
        }

        List<byte[]> cookies = NtsClientPacket.Cookies(plaintext.AsSpan(0, length));
        cookies.ForEach(_cookies.Enqueue);
        return cookies.Count;
    }

    public void Dispose()
    {
        _c2s.Dispose();
        _s2c.Dispose();
    }
}
