using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>Builders for request datagrams used by the serving tests.</summary>
internal static class Requests
{
    public static readonly NtpTimestamp SampleTransmit = new(0xE9A1_2B3C_89AB_CDEF);

    public static byte[] Client(byte version = 4, NtpMode mode = NtpMode.Client, int length = NtpHeader.Size, NtpTimestamp? transmit = null)
    {
        byte[] datagram = new byte[length];
        if (length > 0)
        {
            datagram[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, version, mode);
        }

        if (length >= NtpHeader.Size)
        {
            (transmit ?? SampleTransmit).Write(datagram.AsSpan(NtpHeader.TransmitTimestampOffset));
        }

        return datagram;
    }

    /// <summary>A v4 client request followed by the given extension fields (type, total length) and MAC bytes.</summary>
    public static byte[] WithExtensionFields(IEnumerable<(ushort Type, int Length)> fields, int macLength = 0)
    {
        var bytes = new List<byte>(Client());
        foreach ((ushort type, int length) in fields)
        {
            bytes.AddRange([(byte)(type >> 8), (byte)type, (byte)(length >> 8), (byte)length]);
            bytes.AddRange(Enumerable.Repeat((byte)0xA5, length - 4));
        }

        bytes.AddRange(Enumerable.Repeat((byte)0x5A, macLength));
        return [.. bytes];
    }

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static byte[] PadTo(byte[] datagram, int length)
    {
        byte[] padded = new byte[length];
        datagram.CopyTo(padded, 0);
        return padded;
    }
}
