using Meridian.Protocol;
using Meridian.Core.Client;
using static Meridian.Core.Tests.Client.Replies;

namespace Meridian.Core.Tests.Sync;

/// <summary>The one reply check the upstream sources and the SNTP client share.</summary>
public class ServerReplyTests
{
    public static TheoryData<string, ReplyVerdict> Cases => new()
    {
        { "valid", ReplyVerdict.Valid },
        { "short", ReplyVerdict.TooShort },
        { "client mode", ReplyVerdict.WrongMode },
        { "version 5", ReplyVerdict.WrongMode },
        { "other origin", ReplyVerdict.OriginMismatch },
        { "kiss", ReplyVerdict.Kiss },
        { "LI 3", ReplyVerdict.Unsynchronized },
        { "stratum 16", ReplyVerdict.Unsynchronized },
        { "zero transmit", ReplyVerdict.ZeroTransmit },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChecksLengthModeOriginKissSynchronizationAndTransmit_InThatOrder(string name, ReplyVerdict expected)
    {
        NtpHeader header = name switch
        {
            "client mode" => Header() with { Mode = NtpMode.Client },
            "version 5" => Header() with { Version = 5 },
            "other origin" => Header() with { OriginTimestamp = new NtpTimestamp(Cookie.Value + 1), Stratum = 0 },
            "kiss" => Header() with { Stratum = 0, Leap = LeapIndicator.Unsynchronized },
            "LI 3" => Header() with { Leap = LeapIndicator.Unsynchronized },
            "stratum 16" => Header() with { Stratum = 16 },
            "zero transmit" => Header() with { TransmitTimestamp = NtpTimestamp.Zero },
            _ => Header(),
        };
        byte[] packet = Bytes(header);

        Assert.Equal(expected, ServerReply.Check(name == "short" ? packet.AsSpan(0, 47) : packet, Cookie, out _));
    }

    [Fact]
    public void OffsetAndDelay_AreRfc5905sFormulas()
    {
        // T1 = 0, T2 = 60 ms, T3 = 61 ms, T4 = 11 ms: θ = 55 ms, δ = 10 ms.
        Assert.Equal(ReplyVerdict.Valid, ServerReply.Check(Bytes(Header()), Cookie, out NtpHeader reply));

        Assert.Equal(0.055, ServerReply.Offset(reply, T1, T4), 9);
        Assert.Equal(0.010, ServerReply.Delay(reply, T1, T4), 9);
    }
}
