using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

public class NtsKeResponderTests
{
    private static (NtsKeReply Reply, NtsKeResponse Parsed, byte[] Bytes) Respond(byte[] request, NtsKeResponderOptions? options = null)
    {
        var responder = new NtsKeResponder(options ?? new NtsKeResponderOptions(), new FakeCookieIssuer());
        var response = new byte[responder.MaxResponseLength];
        NtsKeReply reply = responder.Respond(request, FakeCookieIssuer.Keys(), response);
        byte[] bytes = response[..reply.Length];
        Assert.Equal(NtsKeFraming.Complete, NtsKeRecords.Frame(bytes, 65536, 1000, out int framed));
        Assert.Equal(reply.Length, framed);
        return (reply, NtsKeResponse.Parse(bytes, NtsKeAeads.Supported.ToArray()), bytes);
    }

    [Fact]
    public void Accepts_NtpV4WithAesSivCmac256_AndIssuesEightCookiesCarryingItsKeys()
    {
        var (reply, parsed, _) = Respond(NtsKeMessages.Request(15));

        Assert.Equal(NtsKeOutcome.Accepted, reply.Outcome);
        Assert.Equal(NtsAead.AesSivCmac256, parsed.Aead);
        Assert.Equal(8, parsed.Cookies.Count);
        NtsKeSessionKeys keys = FakeCookieIssuer.Keys();
        Assert.All(parsed.Cookies, cookie =>
        {
            Assert.Equal(4 + 64, cookie.Length);
            Assert.Equal(keys.ClientToServer(NtsAead.AesSivCmac256).ToArray(), cookie[4..36]);
            Assert.Equal(keys.ServerToClient(NtsAead.AesSivCmac256).ToArray(), cookie[36..68]);
        });
        Assert.Equal(8, parsed.Cookies.Select(Convert.ToHexString).Distinct().Count());
        Assert.Null(parsed.NtpServer);
        Assert.Null(parsed.NtpPort);
    }

    [Theory]
    [InlineData(new ushort[] { 17, 15 }, NtsAead.AesSivCmac512)]
    [InlineData(new ushort[] { 15, 17 }, NtsAead.AesSivCmac256)]
    [InlineData(new ushort[] { 30, 1, 17 }, NtsAead.AesSivCmac512)]
    [InlineData(new ushort[] { 0xFFFF, 15 }, NtsAead.AesSivCmac256)]
    public void ChoosesTheClientsFirstOfferedAead_ThatTheServerSupports(ushort[] offered, NtsAead chosen)
    {
        var (reply, parsed, _) = Respond(NtsKeMessages.Request(offered));

        Assert.Equal(chosen, reply.Aead);
        Assert.Equal(chosen, parsed.Aead);
        Assert.All(parsed.Cookies, c => Assert.Equal(4 + (2 * NtsKeAeads.KeyLength(chosen)), c.Length));
    }

    [Fact]
    public void AnswersAnEmptyAeadRecordAndNoCookies_WhenNoOfferedAeadIsSupported()
    {
        var (reply, parsed, bytes) = Respond(NtsKeMessages.Request(30, 1));

        Assert.Equal(NtsKeOutcome.NoCommonAead, reply.Outcome);
        Assert.Equal(NtsKeResponseProblem.NoCommonAead, parsed.Problem);
        Assert.Equal(new NtsKeMessages().NextProtocol(0).Aead().End().ToArray(), bytes);
    }

    [Fact]
    public void AnswersAnEmptyNextProtocolRecord_WhenNtpV4IsNotOffered()
    {
        var (reply, _, bytes) = Respond(new NtsKeMessages().NextProtocol(0x8001).Aead(15).End().ToArray());

        Assert.Equal(NtsKeOutcome.NoCommonProtocol, reply.Outcome);
        Assert.Equal(new NtsKeMessages().NextProtocol().End().ToArray(), bytes);
    }

    [Fact]
    public void AnswersError0_ForAnUnrecognizedCriticalRecord()
    {
        byte[] request = new NtsKeMessages().NextProtocol(0).Aead(15).Record(0x1234, true, 1, 2).End().ToArray();

        var (reply, parsed, bytes) = Respond(request);

        Assert.Equal(NtsKeRequestProblem.UnrecognizedCriticalRecord, reply.Problem);
        Assert.Equal((ushort)0, parsed.ErrorCode);
        Assert.Equal(new NtsKeMessages().Record(NtsKeRecordType.Error, true, 0, 0).End().ToArray(), bytes);
    }

    [Fact]
    public void IgnoresUnrecognizedRecords_WithoutTheCriticalBit_AndTheClientsServerAndPortHints()
    {
        byte[] request = new NtsKeMessages().Record(0x4000, false, 9).NextProtocol(0)
            .Record(NtsKeRecordType.ServerNegotiation, false, (byte)'x').Record(NtsKeRecordType.PortNegotiation, false, 0, 123).Aead(15).End().ToArray();

        Assert.Equal(NtsKeOutcome.Accepted, Respond(request).Reply.Outcome);
    }

    public static TheoryData<string, byte[], NtsKeRequestProblem> BadRequests => new()
    {
        { "no next protocol", new NtsKeMessages().Aead(15).End().ToArray(), NtsKeRequestProblem.NextProtocolCount },
        { "two next protocols", new NtsKeMessages().NextProtocol(0).NextProtocol(0).Aead(15).End().ToArray(), NtsKeRequestProblem.NextProtocolCount },
        { "no AEAD", new NtsKeMessages().NextProtocol(0).End().ToArray(), NtsKeRequestProblem.AeadCount },
        { "two AEADs", new NtsKeMessages().NextProtocol(0).Aead(15).Aead(15).End().ToArray(), NtsKeRequestProblem.AeadCount },
        { "next protocol not critical", new NtsKeMessages().Record(NtsKeRecordType.NextProtocolNegotiation, false, 0, 0).Aead(15).End().ToArray(), NtsKeRequestProblem.NotCritical },
        { "end not critical", new NtsKeMessages().NextProtocol(0).Aead(15).Record(NtsKeRecordType.EndOfMessage, false).ToArray(), NtsKeRequestProblem.NotCritical },
        { "odd protocol list", new NtsKeMessages().Record(NtsKeRecordType.NextProtocolNegotiation, true, 0, 0, 0).Aead(15).End().ToArray(), NtsKeRequestProblem.BadBodyLength },
        { "odd AEAD list", new NtsKeMessages().NextProtocol(0).Record(NtsKeRecordType.AeadAlgorithmNegotiation, true, 0, 15, 0).End().ToArray(), NtsKeRequestProblem.BadBodyLength },
        { "end with a body", new NtsKeMessages().NextProtocol(0).Aead(15).Record(NtsKeRecordType.EndOfMessage, true, 0).ToArray(), NtsKeRequestProblem.BadBodyLength },
        { "an error record", new NtsKeMessages().NextProtocol(0).Aead(15).Record(NtsKeRecordType.Error, true, 0, 1).End().ToArray(), NtsKeRequestProblem.ServerRecordInRequest },
        { "a warning record", new NtsKeMessages().NextProtocol(0).Aead(15).Record(NtsKeRecordType.Warning, true, 0, 1).End().ToArray(), NtsKeRequestProblem.ServerRecordInRequest },
        { "a cookie", new NtsKeMessages().NextProtocol(0).Aead(15).Record(NtsKeRecordType.NewCookie, false, 1, 2, 3).End().ToArray(), NtsKeRequestProblem.ServerRecordInRequest },
        { "no end", new NtsKeMessages().NextProtocol(0).Aead(15).ToArray(), NtsKeRequestProblem.Malformed },
        { "bytes after the end", [.. NtsKeMessages.Request(15), 0], NtsKeRequestProblem.Malformed },
        { "a cut record", [.. new NtsKeMessages().NextProtocol(0).Aead(15).ToArray(), 0x80, 0], NtsKeRequestProblem.Malformed },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void AnswersBadRequestAndNothingElse_ForAMalformedRequest(string what, byte[] request, NtsKeRequestProblem problem)
    {
        var (reply, parsed, bytes) = Respond(request);

        Assert.True(problem == reply.Problem, what);
        Assert.Equal(NtsKeOutcome.Error, reply.Outcome);
        Assert.Equal((ushort)NtsKeErrorCode.BadRequest, parsed.ErrorCode);
        Assert.Equal(new NtsKeMessages().Record(NtsKeRecordType.Error, true, 0, 1).End().ToArray(), bytes);
    }

    [Fact]
    public void AddsServerAndPortNegotiation_WhenConfigured()
    {
        var (_, parsed, _) = Respond(NtsKeMessages.Request(15), new NtsKeResponderOptions { NtpServer = "ntp.example.net", NtpPort = 11123 });

        Assert.Equal("ntp.example.net", parsed.NtpServer);
        Assert.Equal(11123, parsed.NtpPort);
        Assert.Equal(8, parsed.Cookies.Count);
    }
}
