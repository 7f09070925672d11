using Meridian.Protocol;

namespace Meridian.Core.Nts;

/// <summary>
/// What an NTS client holds for one upstream after NTS-KE (RFC 8915 §5.7, §6): the C2S and S2C keys
/// and the cookies. Each request spends one cookie and asks, with placeholders, for enough new ones to
/// hold <see cref="TargetCookies"/> again; each authenticated reply's cookies are kept. Keys, cookies,
/// the unique id and the nonce come in as arguments; no IO.
/// </summary>
public sealed class NtsUpstreamSession : IDisposable
{
    /// <summary>As many cookies as NTS-KE gives (RFC 8915 §4.1.6 recommends 8).</summary>
    public const int TargetCookies = 8;

    private readonly AesSivCmac _c2s = new();
    private readonly AesSivCmac _s2c = new();
    private readonly Queue<byte[]> _cookies;
    private NtsClientRequest? _inFlight;

    public NtsUpstreamSession(ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, IEnumerable<byte[]> cookies)
    {
        _c2s.SetKey(c2sKey);
        _s2c.SetKey(s2cKey);
        _cookies = new Queue<byte[]>(cookies);
    }

    public int CookiesHeld => _cookies.Count;

    /// <summary>No cookie left or the server sent an NTS NAK: a fresh NTS-KE is needed.</summary>
    public bool NeedsKeyEstablishment => _cookies.Count == 0 || Refused;

    /// <summary>The server answered with an NTS NAK: the keys and cookies are no longer accepted.</summary>
    public bool Refused { get; private set; }

    /// <summary>
    /// The request for the 48-byte client <paramref name="header"/> (its transmit timestamp the
    /// origin the reply must echo) with NTS fields added; spends one cookie. Null when no cookie is left.
    /// </summary>
    public byte[]? Seal(ReadOnlySpan<byte> header, ReadOnlySpan<byte> uniqueId, ReadOnlySpan<byte> nonce)
    {
        if (NeedsKeyEstablishment || header.Length != NtpHeader.Size)
        {
            return null;
        }

        byte[] cookie = _cookies.Dequeue();
        int placeholders = Math.Max(0, TargetCookies - _cookies.Count - 1);
        byte[] packet = new byte[NtpHeader.Size + uniqueId.Length + 8 + ((placeholders + 1) * (cookie.Length + 8)) + nonce.Length + AesSivCmac.TagLength + 16];
        header.CopyTo(packet);
        int length = NtsClientPacket.WriteRequest(packet, uniqueId, cookie, placeholders, _c2s, nonce);
        _inFlight = new NtsClientRequest(NtpTimestamp.Read(header[NtpHeader.TransmitTimestampOffset..]), uniqueId.ToArray(), packet[..length]);
        return _inFlight.Packet;
    }

    /// <summary>
    /// Checks a reply to the request in flight: authenticated replies give their cookies to the
    /// session; an NTS NAK marks it refused. Anything else changes nothing.
    /// </summary>
    public NtsAuthentication Accept(ReadOnlySpan<byte> reply)
    {
        if (_inFlight is null)
        {
            return NtsAuthentication.NotAuthenticated;
        }

        NtsAuthentication result = NtsClientReply.Authenticate(reply, _inFlight.UniqueId, _s2c, out IReadOnlyList<byte[]> cookies);
        if (result == NtsAuthentication.Authenticated)
        {
            foreach (byte[] cookie in cookies.Take(TargetCookies - _cookies.Count))
            {
                _cookies.Enqueue(cookie);
            }

            _inFlight = null;
        }
        else if (result == NtsAuthentication.Nak)
        {
            Refused = true;
            _inFlight = null;
        }

        return result;
    }

    public void Dispose()
    {
        _c2s.Dispose();
        _s2c.Dispose();
    }
}
