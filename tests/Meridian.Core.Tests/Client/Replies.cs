using Meridian.Protocol;

namespace Meridian.Core.Tests.Client;

/// <summary>Reply bytes for the SNTP client tests: a valid stratum-1 reply unless a field is overridden.</summary>
internal static class Replies
{
    public static readonly NtpTimestamp Cookie = new(0x1122_3344_5566_7788UL);

    /// <summary>T1 … T4 around Unix time 1 700 000 000 s: θ = 55 ms, δ = 10 ms (see <see cref="SntpReplyTests"/>).</summary>
    public static readonly NtpTimestamp T1 = At(0), T2 = At(60_000_000), T3 = At(61_000_000), T4 = At(11_000_000);

    public static NtpHeader Header() => new(
        LeapIndicator.NoWarning, 4, NtpMode.Server, 1, 4, -20,
        NtpShort.FromSeconds(0.002), NtpShort.FromSeconds(0.003), ReferenceId.FromAscii("GPS"),
        T2, Cookie, T2, T3);

    public static byte[] Bytes(NtpHeader header, int length = NtpHeader.Size)
    {
        byte[] packet = new byte[Math.Max(length, NtpHeader.Size)];
        header.TryWrite(packet);
        return packet[..length];
    }

    public static NtpTimestamp At(long nanosecondsAfterStart) => NtpTimestamp.FromUnixNanoseconds(1_700_000_000_000_000_000 + nanosecondsAfterStart);
}
