using System.Buffers.Binary;
using Meridian.Core.Access;
using Meridian.Core.Nts;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Nts;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>NTS on the serving path (RFC 8915 §5.7), through the real <see cref="ServingPath"/>.</summary>
public sealed class NtsServingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void AnswersAuthenticatedRequest_WithUniqueIdEchoedAndOneCookiePerCookieOrPlaceholder(int placeholders)
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out byte[] unique, placeholders);

        byte[]? reply = harness.Serve(request);

        Assert.NotNull(reply);
        Assert.True(reply.Length <= request.Length, kit.ToString());
        Assert.Equal(request.AsSpan(NtpHeader.TransmitTimestampOffset, 8).ToArray(), reply.AsSpan(NtpHeader.OriginTimestampOffset, 8).ToArray());
        byte[]? fields = kit.Open(reply, unique);
        Assert.True(fields is not null, $"the reply does not verify under S2C ({kit})");
        List<byte[]> cookies = NtsClientPacket.Cookies(fields);
        Assert.Equal(1 + placeholders, cookies.Count);
        Assert.Equal(1, harness.Counters.NtsAuthenticated);
        Assert.Equal(1, harness.Counters.Served);
    }

    [Fact]
    public void IssuesFreshCookies_ThatOpenToTheSameKeysAndDifferFromEachOther()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out byte[] unique, placeholders: 2);
        List<byte[]> cookies = NtsClientPacket.Cookies(kit.Open(harness.Serve(request)!, unique)!);

        using var codec = new NtsCookieCodec();
        byte[] c2s = new byte[64], s2c = new byte[64];
        foreach (byte[] cookie in cookies)
        {
            Assert.Equal(NtsCookieOpening.Opened, codec.TryOpen(kit.Ring.Current, cookie, out NtsAead aead, c2s, s2c));
            Assert.Equal(kit.Aead, aead);
            Assert.Equal(kit.C2S, c2s.AsSpan(0, kit.C2S.Length).ToArray());
            Assert.Equal(kit.S2C, s2c.AsSpan(0, kit.S2C.Length).ToArray());
            Assert.NotEqual(kit.Cookie, cookie);
        }

        Assert.Equal(3, cookies.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void AnswersRequestsWithTheNextCookie_AsAClientDoes()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        for (int exchange = 0; exchange < 5; exchange++)
        {
            byte[] request = kit.Request(out byte[] unique);
            byte[]? fields = kit.Open(harness.Serve(request)!, unique);
            Assert.True(fields is not null, $"exchange {exchange} ({kit})");
            kit.Cookie = NtsClientPacket.Cookies(fields)[0];
        }

        Assert.Equal(5, harness.Counters.NtsAuthenticated);
    }

    [Fact]
    public void AnswersAes512Cookies()
    {
        var kit = new NtsTestKit(aead: NtsAead.AesSivCmac512);
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out byte[] unique, placeholders: 1);
        Assert.Equal(2, NtsClientPacket.Cookies(kit.Open(harness.Serve(request)!, unique)!).Count);
    }

    [Fact]
    public void CountsEncryptedPlaceholders_AsRequestsForCookies()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] unique = kit.Bytes(32);
        byte[] packet = new byte[1024];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        int position = NtpHeader.Size;
        position += ExtensionFieldWriter.Write(packet.AsSpan(position), NtsFieldType.UniqueIdentifier, unique);
        position += ExtensionFieldWriter.Write(packet.AsSpan(position), NtsFieldType.Cookie, kit.Cookie);
        byte[] hidden = new byte[2 * ExtensionFieldWriter.FieldLength(kit.Cookie.Length)];
        ExtensionFieldWriter.Write(hidden, NtsFieldType.CookiePlaceholder, new byte[kit.Cookie.Length]);
        ExtensionFieldWriter.Write(hidden.AsSpan(hidden.Length / 2), NtsFieldType.CookiePlaceholder, new byte[kit.Cookie.Length]);
        byte[] nonce = kit.Bytes(16);
        int field = NtsAuthenticatorField.WriteFrame(packet.AsSpan(position), nonce, 16 + hidden.Length, out int sealedOffset);
        using (var siv = new AesSivCmac())
        {
            siv.SetKey(kit.C2S);
            siv.Seal(packet.AsSpan(0, position), nonce, hidden, packet.AsSpan(position + sealedOffset, 16 + hidden.Length));
        }

        byte[]? reply = harness.Serve(packet.AsSpan(0, position + field).ToArray());

        Assert.Equal(3, NtsClientPacket.Cookies(kit.Open(reply!, unique)!).Count);
    }

    [Fact]
    public void SealsAfterTheTransmitStamp_SoTheStampedHeaderVerifies()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out byte[] unique);
        byte[] reply = harness.Serve(request)!;

        Assert.Equal(ServingHarness.Transmit, NtpTimestamp.Read(reply.AsSpan(NtpHeader.TransmitTimestampOffset)));
        Assert.NotNull(kit.Open(reply, unique));
        reply[NtpHeader.TransmitTimestampOffset + 7] ^= 1;
        Assert.Null(kit.Open(reply, unique));
    }

    [Fact]
    public void SendsNtsNak_WhenTheCookieKeyIsUnknown()
    {
        var kit = new NtsTestKit();
        var other = new NtsTestKit(kit.Seed + 1);
        var harness = new ServingHarness(kit.Policy());
        byte[] foreign = other.Cookie;
        BinaryPrimitives.WriteUInt32BigEndian(foreign, 99);
        byte[] request = kit.Request(out byte[] unique, cookie: foreign);

        byte[]? reply = harness.Serve(request);

        AssertNak(reply, unique);
        Assert.Equal(1, harness.Counters.NtsNaks);
        Assert.Equal(0, harness.Counters.NtsAuthenticated);
    }

    [Fact]
    public void SendsNtsNak_WhenTheCookieDoesNotOpen()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] cookie = (byte[])kit.Cookie.Clone();
        cookie[^1] ^= 0x40;
        byte[] request = kit.Request(out byte[] unique, cookie: cookie);

        AssertNak(harness.Serve(request), unique);
        Assert.Equal(1, harness.Counters.NtsNaks);
    }

    [Fact]
    public void DropsRequest_WhenTheAuthenticatorDoesNotVerify()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out _, c2s: kit.Bytes(32));

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.NtsBadAuthenticator));
    }

    [Fact]
    public void DropsRequest_WhenTheHeaderWasChangedAfterSealing()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        byte[] request = kit.Request(out _);
        request[NtpHeader.TransmitTimestampOffset] ^= 1;

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.NtsBadAuthenticator));
    }

    public static TheoryData<string> MalformedShapes => new()
    {
        "no unique id", "short unique id", "two unique ids", "no cookie", "two cookies", "placeholder shorter than cookie",
        "no authenticator", "authenticator not last", "nonce length zero", "ciphertext shorter than a tag",
    };

    [Theory]
    [MemberData(nameof(MalformedShapes))]
    public void DropsAndCountsMalformedNtsRequest(string shape)
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());

        Assert.Null(harness.Serve(Malformed(kit, shape)));
        Assert.True(harness.Counters.Dropped(DropReason.NtsMalformed) == 1, $"{shape} ({kit})");
    }

    [Fact]
    public void DropsNtsFieldsAsBefore_WhenNtsIsOff()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(ServingPolicy.Open());

        Assert.Null(harness.Serve(kit.Request(out _)));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ExtensionFieldNts));
        Assert.Equal(0, harness.Counters.Dropped(DropReason.NtsMalformed));
    }

    [Fact]
    public void DeniesNtsRequest_FromASourceTheAccessListIgnores()
    {
        var kit = new NtsTestKit();
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Ignore)]);
        var harness = new ServingHarness(new ServingPolicy(access, null, null, 1, kit.Responder()));

        Assert.Null(harness.Serve(kit.Request(out _)));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.AccessDenied));
        Assert.Equal(0, harness.Counters.NtsAuthenticated);
    }

    [Fact]
    public void RateLimitsNtsRequests_AsPlainOnes()
    {
        var kit = new NtsTestKit();
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited)]);
        var limiter = new Meridian.Core.RateLimiting.RateLimiter(new Meridian.Core.RateLimiting.RateLimitOptions(), 1, 2);
        var harness = new ServingHarness(new ServingPolicy(access, limiter, null, 1, kit.Responder()));

        for (int i = 0; i < 50; i++)
        {
            harness.Serve(kit.Request(out _));
        }

        Assert.True(harness.Counters.Dropped(DropReason.RateLimited) > 0, kit.ToString());
        Assert.True(harness.Counters.NtsAuthenticated < 50);
    }

    [Fact]
    public void NeverRepliesLargerThanTheRequest_ForRandomPlaceholderCountsAndMutations()
    {
        var kit = new NtsTestKit();
        var harness = new ServingHarness(kit.Policy());
        for (int i = 0; i < 300; i++)
        {
            byte[] request = kit.Request(out _, kit.Random.Next(0, 9));
            if (i % 3 == 1)
            {
                request[kit.Random.Next(NtpHeader.Size, request.Length)] ^= (byte)(1 << kit.Random.Next(8));
            }

            byte[]? reply = harness.Serve(request); // the harness asserts P4 on every reply
            Assert.True(reply is null || reply.Length <= request.Length, $"iteration {i} ({kit})");
        }
    }

    internal static void AssertNak(byte[]? reply, byte[] unique)
    {
        Assert.NotNull(reply);
        Assert.Equal(0, reply[NtpHeader.StratumOffset]);
        Assert.Equal(KissCode.Ntsn, ReferenceId.Read(reply.AsSpan(NtpHeader.ReferenceIdOffset)));
        Assert.Equal(NtpHeader.Size + ExtensionFieldWriter.FieldLength(unique.Length), reply.Length);
        var reader = new ExtensionFieldReader(reply.AsSpan(NtpHeader.Size), 4);
        Assert.True(reader.TryReadNext(out ExtensionField field));
        Assert.Equal(NtsFieldType.UniqueIdentifier, field.Type);
        Assert.Equal(unique, field.Value.ToArray());
        Assert.False(reader.TryReadNext(out _));
    }

    private static byte[] Malformed(NtsTestKit kit, string shape)
    {
        byte[] unique = kit.Bytes(32);
        var fields = new List<(ushort Type, byte[] Value)>();
        switch (shape)
        {
            case "no unique id":
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                break;
            case "short unique id":
                fields.Add((NtsFieldType.UniqueIdentifier, kit.Bytes(16)));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                break;
            case "two unique ids":
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                break;
            case "no cookie":
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                break;
            case "two cookies":
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                break;
            case "placeholder shorter than cookie":
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                fields.Add((NtsFieldType.CookiePlaceholder, new byte[kit.Cookie.Length - 4]));
                break;
            default:
                fields.Add((NtsFieldType.UniqueIdentifier, unique));
                fields.Add((NtsFieldType.Cookie, kit.Cookie));
                break;
        }

        byte[] packet = new byte[1024];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        int position = NtpHeader.Size;
        foreach ((ushort type, byte[] value) in fields)
        {
            position += ExtensionFieldWriter.Write(packet.AsSpan(position), type, value);
        }

        if (shape != "no authenticator")
        {
            byte[] nonce = kit.Bytes(16);
            int field = NtsAuthenticatorField.WriteFrame(packet.AsSpan(position), nonce, 16, out int sealedOffset);
            using var siv = new AesSivCmac();
            siv.SetKey(kit.C2S);
            siv.Seal(packet.AsSpan(0, position), nonce, [], packet.AsSpan(position + sealedOffset, 16));
            if (shape == "nonce length zero")
            {
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(position + 4), 0);
            }
            else if (shape == "ciphertext shorter than a tag")
            {
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(position + 6), 8);
            }

            position += field;
            if (shape == "authenticator not last")
            {
                position += ExtensionFieldWriter.Write(packet.AsSpan(position), 0x7777, new byte[12]);
            }
        }

        return packet.AsSpan(0, position).ToArray();
    }
}
