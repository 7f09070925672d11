using System.Buffers.Binary;

namespace Meridian.Core.Nts;

/// <summary>
/// A client's NTS-KE request as the server reads it (RFC 8915 §4.1): exactly one critical Next
/// Protocol Negotiation record; when it offers NTPv4, exactly one AEAD Algorithm Negotiation record
/// (the first offered algorithm this server supports wins); no record only servers send; no
/// unrecognized critical record; well-formed bodies; End of Message (critical, empty) last.
/// Server and Port Negotiation records from the client are hints the server may ignore, and are.
/// </summary>
public readonly record struct NtsKeRequest(NtsKeRequestProblem Problem, bool OffersNtpV4, NtsAead? Aead)
{
    public static NtsKeRequest Parse(ReadOnlySpan<byte> message)
    {
        int offset = 0;
        int protocols = 0;
        int aeads = 0;
        bool ntpV4 = false;
        NtsAead? chosen = null;
        while (NtsKeRecords.TryRead(message, ref offset, out NtsKeRecord record))
        {
            NtsKeRequestProblem problem = Check(record);
            if (problem != NtsKeRequestProblem.None)
            {
                return Refused(problem);
            }

            switch ((NtsKeRecordType)record.Type)
            {
                case NtsKeRecordType.EndOfMessage:
                    return offset != message.Length ? Refused(NtsKeRequestProblem.Malformed)
                        : protocols != 1 ? Refused(NtsKeRequestProblem.NextProtocolCount)
                        : ntpV4 && aeads != 1 ? Refused(NtsKeRequestProblem.AeadCount)
                        : new NtsKeRequest(NtsKeRequestProblem.None, ntpV4, ntpV4 ? chosen : null);
                case NtsKeRecordType.NextProtocolNegotiation:
                    protocols++;
                    ntpV4 |= Contains(record.Body, NtsKeAeads.NtpV4Protocol);
                    break;
                case NtsKeRecordType.AeadAlgorithmNegotiation:
                    aeads++;
                    chosen ??= FirstSupported(record.Body);
                    break;
            }
        }

        return Refused(NtsKeRequestProblem.Malformed);
    }

    private static NtsKeRequest Refused(NtsKeRequestProblem problem) => new(problem, false, null);

    /// <summary>The checks of one record on its own: its type, its critical bit and its body's length.</summary>
    private static NtsKeRequestProblem Check(NtsKeRecord record) =>
        (NtsKeRecordType)record.Type switch
        {
            NtsKeRecordType.EndOfMessage => !record.Critical ? NtsKeRequestProblem.NotCritical
                : record.Body.Length != 0 ? NtsKeRequestProblem.BadBodyLength : NtsKeRequestProblem.None,
            NtsKeRecordType.NextProtocolNegotiation => !record.Critical ? NtsKeRequestProblem.NotCritical
                : record.Body.Length % 2 != 0 ? NtsKeRequestProblem.BadBodyLength : NtsKeRequestProblem.None,
            NtsKeRecordType.AeadAlgorithmNegotiation => record.Body.Length % 2 != 0 ? NtsKeRequestProblem.BadBodyLength : NtsKeRequestProblem.None,
            NtsKeRecordType.PortNegotiation => record.Body.Length != 2 ? NtsKeRequestProblem.BadBodyLength : NtsKeRequestProblem.None,
            NtsKeRecordType.ServerNegotiation => NtsKeRequestProblem.None,
            NtsKeRecordType.Error or NtsKeRecordType.Warning or NtsKeRecordType.NewCookie => NtsKeRequestProblem.ServerRecordInRequest,
            _ => record.Critical ? NtsKeRequestProblem.UnrecognizedCriticalRecord : NtsKeRequestProblem.None,
        };

    private static bool Contains(ReadOnlySpan<byte> list, ushort id)
    {
        for (int i = 0; i + 1 < list.Length; i += 2)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(list[i..]) == id)
            {
                return true;
            }
        }

        return false;
    }

    private static NtsAead? FirstSupported(ReadOnlySpan<byte> list)
    {
        for (int i = 0; i + 1 < list.Length; i += 2)
        {
            ushort id = BinaryPrimitives.ReadUInt16BigEndian(list[i..]);
            if (NtsKeAeads.IsSupported(id))
            {
                return (NtsAead)id;
            }
        }

        return null;
    }
}
