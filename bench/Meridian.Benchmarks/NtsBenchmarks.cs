using BenchmarkDotNet.Attributes;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.Nts;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Benchmarks;

/// <summary>
/// NTS on the serving path: a whole NTS request (classify, open the cookie, verify under C2S, make
/// the fresh cookies, stamp, seal under S2C) against a plain one; the seal alone (the part between
/// the transmit stamp and the send); the AEAD primitives.
/// </summary>
[MemoryDiagnoser]
public class NtsBenchmarks : IDisposable
{
    private readonly byte[] _transmit = new byte[65536];
    private readonly NetEndpoint _client = NetEndpoint.FromIPv4(0xC0000201, 40123);
    private readonly NetEndpoint _server = NetEndpoint.FromIPv4(0xC0000202, 123);
    private readonly NtpTimestamp _receive = new(0xEA00_0000_1000_0000);
    private readonly Random _random = new(1);
    private readonly AesSivCmac _siv = new();
    private readonly byte[] _cookiePlaintext = new byte[68];
    private readonly byte[] _sealed = new byte[68 + 16];
    private readonly byte[] _nonce = new byte[16];
    private ServerState _state = null!;
    private ServingPath _plainPath = null!;
    private ServingPath _ntsPath = null!;
    private byte[] _plain = null!;
    private byte[] _ntsOneCookie = null!;
    private byte[] _ntsEightCookies = null!;
    private readonly byte[] _replyBytes = new byte[256];

    [GlobalSetup]
    public void Setup()
    {
        _state = ServerState.LocalClock(1, -20, _receive);
        var ring = new NtsKeyRingCell(new NtsKeyRing([new NtsMasterKey(7, Bytes(32), 0)], NtsKeyRing.DefaultRotationSeconds));
        var classifier = new RequestClassifier([]);
        _plainPath = new ServingPath(classifier, new ServingCounters());
        _ntsPath = new ServingPath(classifier, new ServingCounters(), new ServingPolicy(AccessList.Unrestricted, null, null, 1, new NtsResponder(ring, d => _random.NextBytes(d))));
        _plain = new byte[NtpHeader.Size];
        _plain[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);

        byte[] c2s = Bytes(32), s2c = Bytes(32), cookie = new byte[NtsCookieCodec.CookieLength(NtsAead.AesSivCmac256)];
        using (var codec = new NtsCookieCodec())
        {
            codec.Seal(ring.Current.Current, NtsAead.AesSivCmac256, c2s, s2c, Bytes(16), cookie);
        }

        _ntsOneCookie = Request(c2s, cookie, 0);
        _ntsEightCookies = Request(c2s, cookie, 7);
        _siv.SetKey(Bytes(32));
    }

    [Benchmark(Baseline = true)]
    public int PlainRequest() => Serve(_plainPath, _plain);

    /// <summary>chrony's steady state: one cookie spent, one returned (228-byte request and reply).</summary>
    [Benchmark]
    public int NtsRequestOneCookie() => Serve(_ntsPath, _ntsOneCookie);

    /// <summary>A client out of cookies: one spent, seven placeholders, eight returned (984 bytes).</summary>
    [Benchmark]
    public int NtsRequestEightCookies() => Serve(_ntsPath, _ntsEightCookies);

    /// <summary>The one-cookie request without the stamp and seal (pending seals dropped as between batches): the difference to <see cref="NtsRequestOneCookie"/> is the stamp-to-send part.</summary>
    [Benchmark]
    public int NtsHandleOnlyOneCookie()
    {
        _ntsPath.BeginBatch();
        return _ntsPath.Handle(_ntsOneCookie, _transmit, _client, _server, _receive, default, _state);
    }

    /// <summary>The work after the stamp for a one-cookie reply, alone (S2C is keyed before the stamp): S2V over header + unique id (84 bytes), nonce and one cookie field (108 bytes), CTR in place.</summary>
    [Benchmark]
    public int SealReplyOneCookie()
    {
        _siv.SealInPlace(_replyBytes.AsSpan(0, 84), _nonce, _replyBytes.AsSpan(100, 16 + 108));
        return _replyBytes[100];
    }

    /// <summary>AES-SIV-CMAC-256 seal of a cookie's plaintext (68 bytes) with a 4-byte associated datum.</summary>
    [Benchmark]
    public int SealCookiePlaintext()
    {
        _siv.Seal(_nonce.AsSpan(0, 4), _nonce, _cookiePlaintext, _sealed);
        return _sealed[0];
    }

    [Benchmark]
    public bool OpenCookiePlaintext() => _siv.TryOpen(_nonce.AsSpan(0, 4), _nonce, _sealed, _cookiePlaintext);

    public void Dispose()
    {
        _siv.Dispose();
        GC.SuppressFinalize(this);
    }

    private int Serve(ServingPath path, byte[] request)
    {
        int length = path.Handle(request, _transmit, _client, _server, _receive, default, _state);
        if (path.MaySend(length, request.Length) && path.StampAndSeal(_transmit.AsSpan(0, length), _receive))
        {
            return length;
        }

        return 0;
    }

    private byte[] Request(byte[] c2s, byte[] cookie, int placeholders)
    {
        byte[] packet = new byte[2048];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        Bytes(8).CopyTo(packet, NtpHeader.TransmitTimestampOffset);
        using var siv = new AesSivCmac();
        siv.SetKey(c2s);
        int length = NtsClientPacket.WriteRequest(packet, Bytes(32), cookie, placeholders, siv, Bytes(16));
        return packet.AsSpan(0, length).ToArray();
    }

    private byte[] Bytes(int length)
    {
        byte[] bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
