using System.Text;

namespace Meridian.Core.Nts;

/// <summary>
/// The NTS-KE server's answer to one request (RFC 8915 §4): validates it (<see cref="NtsKeRequest"/>)
/// and writes the response records — Next Protocol NTPv4, the chosen AEAD, the optional Server and
/// Port Negotiation records and the cookies sealed by the <see cref="INtsCookieIssuer"/> from the
/// session's exported keys; an empty Next Protocol or AEAD record when nothing is in common; an
/// Error record (and nothing else) for a bad request. Pure: bytes in, bytes out.
/// </summary>
public sealed class NtsKeResponder
{
    private readonly NtsKeResponderOptions _options;
    private readonly INtsCookieIssuer _issuer;
    private readonly byte[]? _server;

    public NtsKeResponder(NtsKeResponderOptions options, INtsCookieIssuer issuer)
    {
        if (options.CookieCount is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CookieCount, "1 to 64 cookies");
        }

        if (options.NtpPort is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NtpPort, "a port from 1 to 65535");
        }

        _options = options;
        _issuer = issuer;
        _server = options.NtpServer is null ? null : Encoding.ASCII.GetBytes(options.NtpServer);
    }

    /// <summary>The largest response this responder writes: the size the caller's buffer needs.</summary>
    public int MaxResponseLength
    {
        get
        {
            int cookie = 0;
            foreach (NtsAead aead in NtsKeAeads.Supported)
            {
                cookie = Math.Max(cookie, _issuer.CookieLength(aead));
            }

            return (3 * NtsKeRecords.HeaderLength) + 4 + ServerRecordLength + PortRecordLength
                + (_options.CookieCount * (NtsKeRecords.HeaderLength + cookie));
        }
    }

    private int ServerRecordLength => _server is null ? 0 : NtsKeRecords.HeaderLength + _server.Length;

    private int PortRecordLength => _options.NtpPort is null ? 0 : NtsKeRecords.HeaderLength + 2;

    /// <summary>Writes the response to <paramref name="request"/> (one framed message) into <paramref name="response"/> (at least <see cref="MaxResponseLength"/> bytes).</summary>
    public NtsKeReply Respond(ReadOnlySpan<byte> request, NtsKeSessionKeys keys, Span<byte> response)
    {
        NtsKeRequest parsed = NtsKeRequest.Parse(request);
        if (parsed.Problem != NtsKeRequestProblem.None)
        {
            return Refuse(parsed.Problem, response);
        }

        if (!parsed.OffersNtpV4)
        {
            int n = NtsKeRecords.Write(response, NtsKeRecordType.NextProtocolNegotiation, critical: true, []);
            n += NtsKeRecords.WriteEnd(response[n..]);
            return new NtsKeReply(n, NtsKeOutcome.NoCommonProtocol, NtsKeRequestProblem.None, null, 0);
        }

        int length = NtsKeRecords.WriteUInt16(response, NtsKeRecordType.NextProtocolNegotiation, critical: true, NtsKeAeads.NtpV4Protocol);
        if (parsed.Aead is not NtsAead aead)
        {
            length += NtsKeRecords.Write(response[length..], NtsKeRecordType.AeadAlgorithmNegotiation, critical: true, []);
            length += NtsKeRecords.WriteEnd(response[length..]);
            return new NtsKeReply(length, NtsKeOutcome.NoCommonAead, NtsKeRequestProblem.None, null, 0);
        }

        length += NtsKeRecords.WriteUInt16(response[length..], NtsKeRecordType.AeadAlgorithmNegotiation, critical: true, (ushort)aead);
        if (_server is not null)
        {
            length += NtsKeRecords.Write(response[length..], NtsKeRecordType.ServerNegotiation, critical: true, _server);
        }

        if (_options.NtpPort is int port)
        {
            length += NtsKeRecords.WriteUInt16(response[length..], NtsKeRecordType.PortNegotiation, critical: true, (ushort)port);
        }

        for (int i = 0; i < _options.CookieCount; i++)
        {
            length += WriteCookie(response[length..], aead, keys);
        }

        length += NtsKeRecords.WriteEnd(response[length..]);
        return new NtsKeReply(length, NtsKeOutcome.Accepted, NtsKeRequestProblem.None, aead, _options.CookieCount);
    }

    /// <summary>
    /// The answer to a request refused for <paramref name="problem"/> (also one the server would not
    /// read to its end because it is too large): an Error record — unrecognized critical record, or
    /// bad request — and End of Message, nothing else (10 bytes).
    /// </summary>
    public static NtsKeReply Refuse(NtsKeRequestProblem problem, Span<byte> response)
    {
        NtsKeErrorCode code = problem == NtsKeRequestProblem.UnrecognizedCriticalRecord ? NtsKeErrorCode.UnrecognizedCriticalRecord : NtsKeErrorCode.BadRequest;
        int n = NtsKeRecords.WriteUInt16(response, NtsKeRecordType.Error, critical: true, (ushort)code);
        n += NtsKeRecords.WriteEnd(response[n..]);
        return new NtsKeReply(n, NtsKeOutcome.Error, problem, null, 0);
    }

    private int WriteCookie(Span<byte> destination, NtsAead aead, NtsKeSessionKeys keys)
    {
        int cookie = _issuer.Issue(aead, keys.ClientToServer(aead), keys.ServerToClient(aead), destination[NtsKeRecords.HeaderLength..]);
        NtsKeRecords.Write(destination, NtsKeRecordType.NewCookie, critical: false, destination.Slice(NtsKeRecords.HeaderLength, cookie));
        return NtsKeRecords.HeaderLength + cookie;
    }
}
