namespace Meridian.Protocol;

/// <summary>The 48-byte NTP packet header (RFC 5905 §7.3), read from and written to spans.</summary>
public readonly record struct NtpHeader(
    LeapIndicator Leap,
    byte Version,
    NtpMode Mode,
    byte Stratum,
    sbyte Poll,
    sbyte Precision,
    NtpShort RootDelay,
    NtpShort RootDispersion,
    ReferenceId ReferenceId,
    NtpTimestamp ReferenceTimestamp,
    NtpTimestamp OriginTimestamp,
    NtpTimestamp ReceiveTimestamp,
    NtpTimestamp TransmitTimestamp)
{
    public const int Size = 48;

    public const int StratumOffset = 1;
    public const int PollOffset = 2;
    public const int PrecisionOffset = 3;
    public const int RootDelayOffset = 4;
    public const int RootDispersionOffset = 8;
    public const int ReferenceIdOffset = 12;
    public const int ReferenceTimestampOffset = 16;
    public const int OriginTimestampOffset = 24;
    public const int ReceiveTimestampOffset = 32;
    public const int TransmitTimestampOffset = 40;

    public static LeapIndicator ReadLeap(ReadOnlySpan<byte> packet) => (LeapIndicator)(packet[0] >> 6);

    public static byte ReadVersion(ReadOnlySpan<byte> packet) => (byte)((packet[0] >> 3) & 0x7);

    public static NtpMode ReadMode(ReadOnlySpan<byte> packet) => (NtpMode)(packet[0] & 0x7);

    public static byte EncodeFirstByte(LeapIndicator leap, byte version, NtpMode mode) =>
        (byte)(((byte)leap << 6) | ((version & 0x7) << 3) | ((byte)mode & 0x7));

    public static bool TryRead(ReadOnlySpan<byte> packet, out NtpHeader header)
    {
        if (packet.Length < Size)
        {
            header = default;
            return false;
        }

        header = new NtpHeader(
            ReadLeap(packet),
            ReadVersion(packet),
            ReadMode(packet),
            packet[StratumOffset],
            (sbyte)packet[PollOffset],
            (sbyte)packet[PrecisionOffset],
            NtpShort.Read(packet[RootDelayOffset..]),
            NtpShort.Read(packet[RootDispersionOffset..]),
            ReferenceId.Read(packet[ReferenceIdOffset..]),
            NtpTimestamp.Read(packet[ReferenceTimestampOffset..]),
            NtpTimestamp.Read(packet[OriginTimestampOffset..]),
            NtpTimestamp.Read(packet[ReceiveTimestampOffset..]),
            NtpTimestamp.Read(packet[TransmitTimestampOffset..]));
        return true;
    }

    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            return false;
        }

        destination[0] = EncodeFirstByte(Leap, Version, Mode);
        destination[StratumOffset] = Stratum;
        destination[PollOffset] = (byte)Poll;
        destination[PrecisionOffset] = (byte)Precision;
        RootDelay.Write(destination[RootDelayOffset..]);
        RootDispersion.Write(destination[RootDispersionOffset..]);
        ReferenceId.Write(destination[ReferenceIdOffset..]);
        ReferenceTimestamp.Write(destination[ReferenceTimestampOffset..]);
        OriginTimestamp.Write(destination[OriginTimestampOffset..]);
        ReceiveTimestamp.Write(destination[ReceiveTimestampOffset..]);
        TransmitTimestamp.Write(destination[TransmitTimestampOffset..]);
        return true;
    }
}
