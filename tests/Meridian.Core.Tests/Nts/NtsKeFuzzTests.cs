using Meridian.Core.Nts;
using Meridian.Fuzzing;

namespace Meridian.Core.Tests.Nts;

/// <summary>
/// The NTS-KE codec over random and mutated requests and responses: framing, the server's
/// validation and response, and the client's response parser never throw; a framed message is
/// whole records ending at End of Message within the limits; the server's answer is always one
/// well-formed message no longer than its bound, an Error record and nothing else unless the
/// request passed validation, and cookies only for an accepted request (and exactly 8 then); the
/// client reads back what the server wrote. Set MERIDIAN_SEED to replay, MERIDIAN_FUZZ_SCALE for more.
/// </summary>
public class NtsKeFuzzTests
{
    private static readonly ushort[] Types = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0x4000, 0x7FFF];
    private static readonly ushort[] Aeads = [15, 17, 30, 1, 0, 0xFFFF];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void ServerNeverThrows_AndAnswersOneBoundedWellFormedMessage_ForRandomAndMutatedRequests()
    {
        var run = FuzzRun.Start(defaultSeed: 20261130, defaultCases: 60_000);
        var issuer = new FakeCookieIssuer();
        var responder = new NtsKeResponder(new NtsKeResponderOptions { NtpServer = "time.example", NtpPort = 123 }, issuer);
        NtsKeSessionKeys keys = FakeCookieIssuer.Keys();
        var response = new byte[responder.MaxResponseLength];
        byte[] previous = ValidRequest(run.Random);
        int accepted = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            byte[] valid = ValidRequest(run.Random);
            byte[] input = run.Random.Next(10) switch
            {
                0 => Mutator.RandomBytes(run.Random, 200),
                1 or 2 => valid,
                _ => Mutator.Mutate(run.Random, valid, other: previous),
            };
            run.Check(i, input, () =>
            {
                NtsKeFraming framing = NtsKeRecords.Frame(input, 256, 16, out int length);
                if (framing != NtsKeFraming.Complete)
                {
                    return;
                }

                Assert.InRange(length, 4, Math.Min(256, input.Length));
                int issuedBefore = issuer.Issued;
                NtsKeReply reply = responder.Respond(input.AsSpan(0, length), keys, response);
                AssertReply(input.AsSpan(0, length), reply, response, responder.MaxResponseLength);
                Assert.Equal(reply.Cookies, issuer.Issued - issuedBefore);
                accepted += reply.Outcome == NtsKeOutcome.Accepted ? 1 : 0;
            });
            previous = valid;
        }

        // Deep enough: a good share of the inputs reach the cookies.
        Assert.InRange(accepted, run.Cases / 20, run.Cases);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void ClientParserNeverThrows_AndReturnsCookiesOnlyWithAnOfferedAead_ForMutatedResponses()
    {
        var run = FuzzRun.Start(defaultSeed: 20261131, defaultCases: 40_000);
        var responder = new NtsKeResponder(new NtsKeResponderOptions { NtpServer = "time.example", NtpPort = 4123 }, new FakeCookieIssuer());
        var buffer = new byte[responder.MaxResponseLength];
        NtsAead[] offered = [NtsAead.AesSivCmac512];
        int usable = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            int n = responder.Respond(ValidRequest(run.Random), FakeCookieIssuer.Keys(), buffer).Length;
            byte[] valid = buffer[..n];
            byte[] input = run.Random.Next(4) == 0 ? valid : Mutator.Mutate(run.Random, valid);
            run.Check(i, input, () =>
            {
                NtsKeResponse parsed = NtsKeResponse.Parse(input, offered);
                if (parsed.Problem == NtsKeResponseProblem.None)
                {
                    usable++;
                    Assert.Equal(NtsAead.AesSivCmac512, parsed.Aead);
                    Assert.NotEmpty(parsed.Cookies);
                    Assert.All(parsed.Cookies, c => Assert.InRange(c.Length, 1, input.Length));
                }
                else
                {
                    Assert.Empty(parsed.Cookies);
                }
            });
        }

        Assert.InRange(usable, run.Cases / 20, run.Cases);
    }

    private static void AssertReply(ReadOnlySpan<byte> request, NtsKeReply reply, byte[] response, int bound)
    {
        Assert.InRange(reply.Length, 8, bound);
        Assert.Equal(NtsKeFraming.Complete, NtsKeRecords.Frame(response.AsSpan(0, reply.Length), bound, 1000, out int framed));
        Assert.Equal(reply.Length, framed);
        NtsKeRequest parsed = NtsKeRequest.Parse(request);
        Assert.Equal(parsed.Problem, reply.Problem);
        if (reply.Outcome == NtsKeOutcome.Error)
        {
            Assert.NotEqual(NtsKeRequestProblem.None, reply.Problem);
            Assert.Equal(10, reply.Length);
            Assert.Equal(0x80, response[0]);
            Assert.Equal(2, response[1]);
            return;
        }

        Assert.Equal(NtsKeRequestProblem.None, reply.Problem);
        NtsKeResponse read = NtsKeResponse.Parse(response.AsSpan(0, reply.Length), NtsKeAeads.Supported.ToArray());
        if (reply.Outcome == NtsKeOutcome.Accepted)
        {
            Assert.True(parsed.OffersNtpV4);
            Assert.Equal(NtsKeResponseProblem.None, read.Problem);
            Assert.Equal(reply.Aead, read.Aead);
            Assert.Equal(8, read.Cookies.Count);
            Assert.Equal(8, reply.Cookies);
        }
        else
        {
            Assert.Equal(0, reply.Cookies);
            Assert.NotEqual(NtsKeResponseProblem.None, read.Problem);
        }
    }

    /// <summary>A request the server accepts (sometimes with nothing in common), with unknown non-critical records and client hints among its records.</summary>
    internal static byte[] ValidRequest(Random random)
    {
        var message = new NtsKeMessages();
        var records = new List<Action>
        {
            () => message.NextProtocol(random.Next(5) == 0 ? [0x8001] : random.Next(3) == 0 ? [0x8001, 0] : [0]),
            () => message.Aead(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Aeads[random.Next(Aeads.Length)]).ToArray()),
        };
        for (int i = random.Next(3); i > 0; i--)
        {
            ushort type = Types[random.Next(Types.Length)];
            records.Add((Action)(type switch
            {
                0 or 1 or 2 or 3 or 4 or 5 => () => message.Record((ushort)(0x4000 + type), false),
                6 => () => message.Record(6, false, (byte)'a', (byte)'b'),
                7 => () => message.Record(7, false, 0, 123),
                _ => () => message.Record(type, false, new byte[random.Next(8)]),
            }));
        }

        foreach (Action add in records.OrderBy(_ => random.Next()))
        {
            add();
        }

        return message.End().ToArray();
    }
}
