using Meridian.Protocol;

namespace Meridian.Core.Analysis;

/// <summary>
/// The catalogue of probes <c>meridian audit</c> sends, built from the public protocol descriptions:
/// ntpd's mode-7 request header (R, M, version, mode | A, sequence | implementation | request code |
/// error and item count | MBZ and item size, then data), mode-6 control messages (RFC 1305 appendix B,
/// RFC 9327: version and mode | R, E, M, opcode | sequence | status | association | offset | count), and
/// 48-byte client requests.
/// </summary>
public static class AmplificationProbes
{
    /// <summary>ntpd's mode-7 implementation numbers: IMPL_XNTPD_OLD and IMPL_XNTPD.</summary>
    public const byte ImplementationXntpdOld = 2;
    public const byte ImplementationXntpd = 3;

    /// <summary>REQ_MON_GETLIST_1: the monlist request of CVE-2013-5211.</summary>
    public const byte RequestMonGetList1 = 42;

    /// <summary>ntpd's full mode-7 request without a MAC (REQ_LEN_NOMAC): the 8-byte header and 184 bytes after it, what ntpdc sends.</summary>
    public const int PrivateRequestLength = 192;

    /// <summary>nmap's ntp-monlist script: the 8-byte header and 40 zero bytes.</summary>
    public const int NmapPrivateRequestLength = 48;

    public const int ControlHeaderLength = 12;
    public const byte OpcodeReadStatus = 1;
    public const byte OpcodeReadVariables = 2;
    public const byte OpcodeRequestNonce = 12;

    /// <summary>The oversized client request: a v4 header and one extension field of an unassigned type filling it to 468 bytes.</summary>
    public const int PaddedRequestLength = 468;
    public const ushort UnassignedFieldType = 0x7F7F;

    /// <summary>ntpdc and ntpq speak version 2 in the first byte of their requests.</summary>
    public const byte ManagementVersion = 2;

    /// <summary>A fixed, non-zero transmit timestamp: servers copy it to the reply's origin without reading it, and the core has no clock.</summary>
    public static readonly NtpTimestamp ProbeTransmit = new(0xEA00_0000_8000_0000);

    /// <summary>Every probe, in the order they are sent.</summary>
    public static IReadOnlyList<AmplificationProbe> All { get; } =
    [
        new("monlist impl 3 (ntpdc, 192 B)", ProbeKind.Private, Monlist(ImplementationXntpd, PrivateRequestLength)),
        new("monlist impl 2 (ntpdc, 192 B)", ProbeKind.Private, Monlist(ImplementationXntpdOld, PrivateRequestLength)),
        new("monlist impl 3 (nmap, 48 B)", ProbeKind.Private, Monlist(ImplementationXntpd, NmapPrivateRequestLength)),
        new("mode 6 READSTAT", ProbeKind.Control, Control(OpcodeReadStatus)),
        new("mode 6 READVAR", ProbeKind.Control, Control(OpcodeReadVariables)),
        new("mode 6 REQ_NONCE (mrulist)", ProbeKind.Control, Control(OpcodeRequestNonce)),
        new("NTPv1 client (mode 0)", ProbeKind.ClientQuery, ClientQuery(1, NtpMode.Reserved)),
        new("NTPv2 client (mode 3)", ProbeKind.ClientQuery, ClientQuery(2, NtpMode.Client)),
        new("NTPv4 client padded to 468 B", ProbeKind.ClientQuery, PaddedClientQuery()),
    ];

    /// <summary>A mode-7 MON_GETLIST_1 request: not a response, no more, version 2, no authentication, sequence 0, no items, zero-padded to the length.</summary>
    public static byte[] Monlist(byte implementation, int length)
    {
        byte[] request = new byte[length];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, ManagementVersion, NtpMode.Private);
        request[2] = implementation;
        request[3] = RequestMonGetList1;
        return request;
    }

    /// <summary>A 12-byte mode-6 request without data: R, E and M clear, the opcode, sequence 1, association 0, offset 0, count 0.</summary>
    public static byte[] Control(byte opcode)
    {
        byte[] request = new byte[ControlHeaderLength];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, ManagementVersion, NtpMode.Control);
        request[1] = (byte)(opcode & 0x1F);
        request[3] = 1;
        return request;
    }

    /// <summary>
    /// A 48-byte client request with the probe's transmit timestamp. NTPv1 (RFC 1059) has no mode
    /// field: its first byte carries zeros there, which is mode 0.
    /// </summary>
    public static byte[] ClientQuery(byte version, NtpMode mode)
    {
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, version, mode);
        ProbeTransmit.Write(request.AsSpan(NtpHeader.TransmitTimestampOffset));
        return request;
    }

    /// <summary>A v4 client request carrying one well-formed extension field (RFC 7822) of an unassigned type, 468 bytes in all.</summary>
    public static byte[] PaddedClientQuery()
    {
        byte[] request = new byte[PaddedRequestLength];
        ClientQuery(4, NtpMode.Client).CopyTo(request, 0);
        int fieldLength = PaddedRequestLength - NtpHeader.Size;
        request[NtpHeader.Size] = UnassignedFieldType >> 8;
        request[NtpHeader.Size + 1] = UnassignedFieldType & 0xFF;
        request[NtpHeader.Size + 2] = (byte)(fieldLength >> 8);
        request[NtpHeader.Size + 3] = (byte)fieldLength;
        return request;
    }
}
