using System.Buffers.Binary;
using Meridian.Core.Client;
using Meridian.Core.Nts;
using Meridian.Core.Tests.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Nts;

/// <summary>An upstream's NTS keys and cookies (<see cref="NtsUpstreamSession"/>) against the real serving path.</summary>
public sealed class NtsUpstreamSessionTests
{
    [Fact]
    public void KeepsEightCookies_EachReplysCookiesReplacingTheSpentOnes()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        using var session = new NtsUpstreamSession(kit.C2S, kit.S2C, [kit.IssueCookie(), kit.IssueCookie(), kit.IssueCookie()]);

        for (int i = 0; i < 5; i++)
        {
            byte[] request = session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16))!;
            Assert.Equal(NtsAuthentication.Authenticated, session.Accept(harness.Serve(request)!));
            Assert.Equal(NtsUpstreamSession.TargetCookies, session.CookiesHeld);
        }

        Assert.False(session.NeedsKeyEstablishment);
        Assert.Equal(5, harness.Counters.NtsAuthenticated);
    }

    [Fact]
    public void NeedsKeyEstablishment_WhenTheCookiesRunOut_WithoutAuthenticatedReplies()
    {
        var kit = new NtsTestKit();
        using var session = new NtsUpstreamSession(kit.C2S, kit.S2C, [kit.IssueCookie(), kit.IssueCookie()]);

        Assert.NotNull(session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16)));
        Assert.NotNull(session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16)));

        Assert.True(session.NeedsKeyEstablishment);
        Assert.Null(session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16)));
    }

    [Fact]
    public void TakesNoCookies_FromATamperedReply_AndIsRefusedAfterAnNtsNak()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] foreign = kit.IssueCookie();
        BinaryPrimitives.WriteUInt32BigEndian(foreign, 99);
        using var session = new NtsUpstreamSession(kit.C2S, kit.S2C, [kit.IssueCookie(), foreign]);

        byte[] reply = harness.Serve(session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16))!)!;
        reply[NtpHeader.ReceiveTimestampOffset + 5] ^= 1;
        Assert.Equal(NtsAuthentication.NotAuthenticated, session.Accept(reply));
        Assert.Equal(1, session.CookiesHeld);

        byte[] nak = harness.Serve(session.Seal(Header(kit), kit.Bytes(32), kit.Bytes(16))!)!;
        Assert.Equal(NtsAuthentication.Nak, session.Accept(nak));
        Assert.True(session.Refused);
        Assert.True(session.NeedsKeyEstablishment);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(10, 1024)]
    [InlineData(11, 1024)]
    [InlineData(1000, 1024)]
    public void BacksOffNtsKe_From2SecondsDoublingTo1024(int failures, double seconds)
    {
        Assert.Equal(seconds, NtsKeBackoff.Seconds(failures));
    }

    private static byte[] Header(NtsTestKit kit) => SntpRequest.Create(BinaryPrimitives.ReadUInt64LittleEndian(kit.Bytes(8))).Packet;
}
