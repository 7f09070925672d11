namespace Meridian.Protocol.Tests;

/// <summary>A server response with a distinct value in every field.</summary>
internal static class NtpHeaderSamples
{
    public static readonly NtpHeader ServerResponse = new(
        LeapIndicator.Unsynchronized,
        4,
        NtpMode.Server,
        2,
        6,
        -20,
        new NtpShort(0x0000_1234),
        new NtpShort(0x0005_6789),
        new ReferenceId(0xC000_0201),
        new NtpTimestamp(0x1111_1111_2222_2222),
        new NtpTimestamp(0x3333_3333_4444_4444),
        new NtpTimestamp(0x5555_5555_6666_6666),
        new NtpTimestamp(0x7777_7777_8888_8888));

    public static readonly byte[] ServerResponseBytes = Convert.FromHexString(
        "E40206EC" + "00001234" + "00056789" + "C0000201" +
        "1111111122222222" + "3333333344444444" + "5555555566666666" + "7777777788888888");
}
