using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

/// <summary>
/// For any well-formed request (records in any order, unknown non-critical records anywhere, any
/// AEAD list), the server's choice follows a model: NTPv4 not offered → no protocol; else the first
/// offered AEAD among 15 and 17 → accepted with 8 cookies for that AEAD's keys; none → empty AEAD.
/// </summary>
public class NtsKeNegotiationPropertyTests
{
    [Fact]
    public void NegotiatesAsTheModelSays_ForRandomWellFormedRequests()
    {
        const int seed = 8915;
        var random = new Random(seed);
        var responder = new NtsKeResponder(new NtsKeResponderOptions(), new FakeCookieIssuer());
        var buffer = new byte[responder.MaxResponseLength];
        var outcomes = new HashSet<NtsKeOutcome>();
        for (int i = 0; i < 5_000; i++)
        {
            byte[] request = NtsKeFuzzTests.ValidRequest(random);
            (bool ntpV4, ushort[] aeads) = Offers(request);
            NtsKeReply reply = responder.Respond(request, FakeCookieIssuer.Keys(), buffer);

            NtsAead? expected = aeads.Where(NtsKeAeads.IsSupported).Select(a => (NtsAead?)a).FirstOrDefault();
            NtsKeOutcome model = !ntpV4 ? NtsKeOutcome.NoCommonProtocol : expected is null ? NtsKeOutcome.NoCommonAead : NtsKeOutcome.Accepted;
            Assert.True(model == reply.Outcome, $"seed {seed} case {i}: expected {model}, got {reply.Outcome} for {Convert.ToHexString(request)}");
            Assert.Equal(model == NtsKeOutcome.Accepted ? expected : null, reply.Aead);
            outcomes.Add(reply.Outcome);
        }

        Assert.Equal(3, outcomes.Count);
    }

    private static (bool NtpV4, ushort[] Aeads) Offers(byte[] request)
    {
        int offset = 0;
        bool ntpV4 = false;
        ushort[] aeads = [];
        while (NtsKeRecords.TryRead(request, ref offset, out NtsKeRecord record))
        {
            byte[] body = record.Body.ToArray();
            ushort[] list = Enumerable.Range(0, body.Length / 2).Select(i => (ushort)((body[2 * i] << 8) | body[(2 * i) + 1])).ToArray();
            if (record.Is(NtsKeRecordType.NextProtocolNegotiation))
            {
                ntpV4 = list.Contains((ushort)0);
            }
            else if (record.Is(NtsKeRecordType.AeadAlgorithmNegotiation))
            {
                aeads = list;
            }
        }

        return (ntpV4, aeads);
    }
}
