using System.Buffers.Binary;
using System.Text;

namespace Meridian.Core.Nts;

/// <summary>
/// An NTS-KE server's response as the client reads it (RFC 8915 §4.1): the negotiated AEAD, the
/// cookies and the optional NTPv4 server and port, or the reason the exchange failed.
/// </summary>
public sealed record NtsKeResponse
{
    public NtsKeResponseProblem Problem { get; init; }

    /// <summary>The Error record's code when <see cref="Problem"/> is <see cref="NtsKeResponseProblem.ServerError"/>.</summary>
    public ushort? ErrorCode { get; init; }

    public NtsAead? Aead { get; init; }

    public IReadOnlyList<byte[]> Cookies { get; init; } = [];

    /// <summary>The Server Negotiation record (null: the KE server's own address).</summary>
    public string? NtpServer { get; init; }

    /// <summary>The Port Negotiation record (null: 123).</summary>
    public int? NtpPort { get; init; }

    /// <summary>Reads a whole response message (as framed by <see cref="NtsKeRecords.Frame"/>); <paramref name="offered"/> are the AEADs the request offered.</summary>
    public static NtsKeResponse Parse(ReadOnlySpan<byte> message, IReadOnlyCollection<NtsAead> offered)
    {
        int offset = 0;
        bool protocolSeen = false;
        bool ntpV4 = false;
        bool aeadSeen = false;
        NtsAead? aead = null;
        string? server = null;
        int? port = null;
        var cookies = new List<byte[]>();
        while (NtsKeRecords.TryRead(message, ref offset, out NtsKeRecord record))
        {
            switch ((NtsKeRecordType)record.Type)
            {
                case NtsKeRecordType.EndOfMessage:
                    return offset != message.Length || record.Body.Length != 0 ? Failed(NtsKeResponseProblem.Malformed)
                        : !protocolSeen ? Failed(NtsKeResponseProblem.Malformed)
                        : !ntpV4 ? Failed(NtsKeResponseProblem.NoCommonProtocol)
                        : aead is null ? Failed(aeadSeen ? NtsKeResponseProblem.NoCommonAead : NtsKeResponseProblem.Malformed)
                        : cookies.Count == 0 ? Failed(NtsKeResponseProblem.NoCookies)
                        : new NtsKeResponse { Aead = aead, Cookies = cookies, NtpServer = server, NtpPort = port };
                case NtsKeRecordType.Error:
                    return new NtsKeResponse
                    {
                        Problem = NtsKeResponseProblem.ServerError,
                        ErrorCode = record.Body.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(record.Body) : null,
                    };
                case NtsKeRecordType.Warning:
                    return Failed(NtsKeResponseProblem.UnrecognizedCriticalRecord);
                case NtsKeRecordType.NextProtocolNegotiation:
                    if (protocolSeen || record.Body.Length > 2 || record.Body.Length == 1)
                    {
                        return Failed(NtsKeResponseProblem.Malformed);
                    }

                    protocolSeen = true;
                    ntpV4 = record.Body.Length == 2 && BinaryPrimitives.ReadUInt16BigEndian(record.Body) == NtsKeAeads.NtpV4Protocol;
                    break;
                case NtsKeRecordType.AeadAlgorithmNegotiation:
                    if (aeadSeen || record.Body.Length > 2 || record.Body.Length == 1)
                    {
                        return Failed(NtsKeResponseProblem.Malformed);
                    }

                    aeadSeen = true;
                    if (record.Body.Length == 2)
                    {
                        ushort id = BinaryPrimitives.ReadUInt16BigEndian(record.Body);
                        if (!NtsKeAeads.IsSupported(id) || !offered.Contains((NtsAead)id))
                        {
                            return Failed(NtsKeResponseProblem.NoCommonAead);
                        }

                        aead = (NtsAead)id;
                    }

                    break;
                case NtsKeRecordType.NewCookie:
                    if (record.Body.Length > 0)
                    {
                        cookies.Add(record.Body.ToArray());
                    }

                    break;
                case NtsKeRecordType.ServerNegotiation:
                    if (server is not null || !IsPrintableAscii(record.Body))
                    {
                        return Failed(NtsKeResponseProblem.Malformed);
                    }

                    server = Encoding.ASCII.GetString(record.Body);
                    break;
                case NtsKeRecordType.PortNegotiation:
                    if (port is not null || record.Body.Length != 2)
                    {
                        return Failed(NtsKeResponseProblem.Malformed);
                    }

                    port = BinaryPrimitives.ReadUInt16BigEndian(record.Body);
                    break;
                default:
                    if (record.Critical)
                    {
                        return Failed(NtsKeResponseProblem.UnrecognizedCriticalRecord);
                    }

                    break;
            }
        }

        return Failed(NtsKeResponseProblem.Malformed);
    }

    /// <summary>Writes the client's request: Next Protocol NTPv4, the AEADs in order of preference, End of Message.</summary>
    public static int WriteRequest(Span<byte> destination, IReadOnlyList<NtsAead> offered)
    {
        Span<byte> list = stackalloc byte[2 * offered.Count];
        for (int i = 0; i < offered.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(list[(2 * i)..], (ushort)offered[i]);
        }

        int n = NtsKeRecords.WriteUInt16(destination, NtsKeRecordType.NextProtocolNegotiation, critical: true, NtsKeAeads.NtpV4Protocol);
        n += NtsKeRecords.Write(destination[n..], NtsKeRecordType.AeadAlgorithmNegotiation, critical: true, list);
        n += NtsKeRecords.WriteEnd(destination[n..]);
        return n;
    }

    private static NtsKeResponse Failed(NtsKeResponseProblem problem) => new() { Problem = problem };

    private static bool IsPrintableAscii(ReadOnlySpan<byte> text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (b is < 0x21 or > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
