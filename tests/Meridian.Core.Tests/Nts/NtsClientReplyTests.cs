using System.Buffers.Binary;
using Meridian.Core.Client;
using Meridian.Core.Nts;
using Meridian.Core.Tests.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Nts;

/// <summary>
/// The client's check of NTS replies (<see cref="NtsClientReply"/>), against replies from the real
/// serving path (<see cref="ServingHarness"/> with <see cref="NtsTestKit"/>'s key ring).
/// </summary>
public sealed class NtsClientReplyTests
{
    private static readonly NtpTimestamp T1 = new(0xEA00_0000_0800_0000);
    private static readonly NtpTimestamp T4 = new(0xEA00_0000_2800_0000);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AuthenticatesReply_AndReadsOneNewCookiePerCookieOrPlaceholder(int placeholders)
    {
        var kit = new NtsTestKit();
        NtsClientRequest request = Request(kit, kit.Cookie, placeholders);

        NtsClientResult result = Evaluate(new ServingHarness(kit.Policy()).Serve(request.Packet)!, request, kit.S2C);

        Assert.Equal(NtsAuthentication.Authenticated, result.Authentication);
        Assert.True(result.HasAuthenticatedTime, kit.ToString());
        Assert.Equal(SntpStatus.Valid, result.Sntp.Status);
        Assert.Equal(1 + placeholders, result.Cookies.Count);
        Assert.All(result.Cookies, c => Assert.Equal(kit.Cookie.Length, c.Length));
    }

    [Fact]
    public void BuildsRequests_TheServerAnswers_WithTheRandomTransmitAsOrigin()
    {
        var kit = new NtsTestKit();
        NtsClientRequest request = Request(kit, kit.Cookie, 1);

        byte[] reply = new ServingHarness(kit.Policy()).Serve(request.Packet)!;

        Assert.Equal(request.Transmit, NtpTimestamp.Read(reply.AsSpan(NtpHeader.OriginTimestampOffset)));
        Assert.Equal(4, request.Packet[0] >> 3 & 7);
        Assert.Equal(32, request.UniqueId.Length);
    }

    [Fact]
    public void DoesNotAuthenticate_ReplyVerifiedUnderAnotherKey()
    {
        var kit = new NtsTestKit();
        NtsClientRequest request = Request(kit, kit.Cookie, 0);
        byte[] reply = new ServingHarness(kit.Policy()).Serve(request.Packet)!;

        NtsClientResult result = Evaluate(reply, request, kit.Bytes(kit.S2C.Length));

        Assert.Equal(NtsAuthentication.NotAuthenticated, result.Authentication);
        Assert.False(result.HasAuthenticatedTime, kit.ToString());
        Assert.Empty(result.Cookies);
    }

    [Theory]
    [InlineData(NtpHeader.TransmitTimestampOffset + 7)]
    [InlineData(NtpHeader.ReceiveTimestampOffset + 3)]
    [InlineData(NtpHeader.StratumOffset)]
    [InlineData(-1)]
    public void DoesNotAuthenticate_TamperedReply(int offset)
    {
        var kit = new NtsTestKit();
        NtsClientRequest request = Request(kit, kit.Cookie, 0);
        byte[] reply = new ServingHarness(kit.Policy()).Serve(request.Packet)!;
        reply[offset < 0 ? reply.Length + offset : offset] ^= 0x02;

        NtsClientResult result = Evaluate(reply, request, kit.S2C);

        Assert.NotEqual(NtsAuthentication.Authenticated, result.Authentication);
        Assert.False(result.HasAuthenticatedTime, kit.ToString());
    }

    [Fact]
    public void DoesNotAuthenticate_PlainReplyOrReplyToAnotherUniqueId()
    {
        var kit = new NtsTestKit();
        NtsClientRequest other = Request(kit, kit.Cookie, 0);
        NtsClientRequest request = other with { UniqueId = kit.Bytes(32) };
        byte[] toOther = new ServingHarness(kit.Policy()).Serve(other.Packet)!;
        byte[] plain = toOther.AsSpan(0, NtpHeader.Size).ToArray();

        Assert.Equal(NtsAuthentication.Authenticated, Evaluate(toOther, other, kit.S2C).Authentication);
        Assert.Equal(NtsAuthentication.NotAuthenticated, Evaluate(toOther, request, kit.S2C).Authentication);
        Assert.Equal(NtsAuthentication.NotAuthenticated, Evaluate(plain, other, kit.S2C).Authentication);
        Assert.Equal(SntpStatus.Valid, Evaluate(plain, other, kit.S2C).Sntp.Status);
    }

    [Fact]
    public void RecognizesNtsNak_EchoingOurUniqueId_AndNotAnotherOne()
    {
        var kit = new NtsTestKit();
        byte[] foreign = (byte[])kit.Cookie.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(foreign, 99);
        NtsClientRequest request = Request(kit, foreign, 0);
        byte[] nak = new ServingHarness(kit.Policy()).Serve(request.Packet)!;

        NtsClientResult result = Evaluate(nak, request, kit.S2C);
        NtsClientResult forAnother = Evaluate(nak, request with { UniqueId = kit.Bytes(32) }, kit.S2C);

        Assert.Equal(NtsAuthentication.Nak, result.Authentication);
        Assert.False(result.HasAuthenticatedTime);
        Assert.Equal("NTSN", result.Sntp.Kiss);
        Assert.Equal(NtsAuthentication.NotAuthenticated, forAnother.Authentication);
    }

    [Fact]
    public void GivesAVerdict_ForRandomAndTruncatedReplies()
    {
        var kit = new NtsTestKit();
        NtsClientRequest request = Request(kit, kit.Cookie, 1);
        byte[] reply = new ServingHarness(kit.Policy()).Serve(request.Packet)!;
        for (int i = 0; i < 2000; i++)
        {
            byte[] mutated = reply.AsSpan(0, kit.Random.Next(reply.Length + 1)).ToArray();
            for (int flips = kit.Random.Next(4); flips > 0 && mutated.Length > 0; flips--)
            {
                mutated[kit.Random.Next(mutated.Length)] ^= (byte)(1 << kit.Random.Next(8));
            }

            bool intact = mutated.AsSpan().SequenceEqual(reply);
            NtsClientResult result = Evaluate(mutated, request, kit.S2C);
            Assert.True(intact == result.HasAuthenticatedTime, $"{kit}, iteration {i}");
        }
    }

    private static NtsClientRequest Request(NtsTestKit kit, byte[] cookie, int placeholders)
    {
        using var c2s = new AesSivCmac();
        c2s.SetKey(kit.C2S);
        return NtsClientRequest.Create(BinaryPrimitives.ReadUInt64LittleEndian(kit.Bytes(8)), kit.Bytes(32), cookie, placeholders, c2s, kit.Bytes(16));
    }

    private static NtsClientResult Evaluate(byte[] reply, NtsClientRequest request, byte[] s2cKey)
    {
        using var s2c = new AesSivCmac();
        s2c.SetKey(s2cKey);
        return NtsClientReply.Evaluate(reply, request, s2c, T1, T4);
    }
}
