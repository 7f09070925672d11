using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Access;
using Meridian.Core.Tests.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7 and catalogues F, G and H on the serving path: limits, RATE kisses and the global budget.</summary>
public class RateLimitedServingTests
{
    private const AccessFlags KodLimited = AccessFlags.Kod | AccessFlags.Limited;

    private static readonly MonotonicTime Start = Limiters.At(7200);

    [Fact]
    public void DropsALimitedSourceOverTheLimit_AsRateLimited()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.Limited));

        for (int i = 0; i < 10; i++)
        {
            Assert.NotNull(harness.Serve(Requests.Client(), now: Start));
        }

        Assert.Null(harness.Serve(Requests.Client(), now: Start));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.RateLimited));
        Assert.Equal(0, harness.Counters.KodsSent);
        Assert.NotNull(harness.Serve(Requests.Client(), now: Start.AddSeconds(5)));
    }

    [Theory]
    [InlineData(4, NtpMode.Client)]
    [InlineData(3, NtpMode.Client)]
    [InlineData(2, NtpMode.Client)]
    [InlineData(1, NtpMode.Client)]
    [InlineData(1, NtpMode.Reserved)]
    public void AnswersTheFirstOverLimitRequest_WithARateKiss(byte version, NtpMode mode)
    {
        var harness = new ServingHarness(Policies.Create(KodLimited));
        var transmit = new NtpTimestamp(0x0123_4567_89AB_CDEF);
        byte[] request = Requests.Client(version, mode, transmit: transmit);
        for (int i = 0; i < 10; i++)
        {
            Assert.NotNull(harness.Serve(request, now: Start));
        }

        byte[]? kiss = harness.Serve(request, now: Start);

        Assert.NotNull(kiss);
        Assert.Equal(NtpHeader.Size, kiss.Length);
        Assert.True(NtpHeader.TryRead(kiss, out NtpHeader header));
        Assert.Equal(LeapIndicator.Unsynchronized, header.Leap);
        Assert.Equal(0, header.Stratum);
        Assert.Equal(KissCode.Rate, header.ReferenceId);
        Assert.Equal(NtpMode.Server, header.Mode);
        Assert.Equal(version, header.Version);
        Assert.Equal(request.AsSpan(NtpHeader.TransmitTimestampOffset, 8).ToArray(), kiss.AsSpan(NtpHeader.OriginTimestampOffset, 8).ToArray());
        Assert.Equal(NtpTimestamp.Zero, header.ReferenceTimestamp);
        Assert.Equal(NtpShort.Zero, header.RootDelay);
        Assert.Equal(NtpShort.Zero, header.RootDispersion);
        Assert.Equal(1, harness.Counters.KodsSent);
    }

    [Fact]
    public void RateLimitsTheKiss_ToOnePerIntervalPerClient()
    {
        var harness = new ServingHarness(Policies.Create(KodLimited));
        int kisses = 0;
        int answered = 0;
        for (int ms = 0; ms < 120_000; ms += 10)
        {
            byte[]? reply = harness.Serve(Requests.Client(), now: Start.AddSeconds(ms / 1000.0));
            kisses += reply is not null && !IsTimeReply(reply) ? 1 : 0;
            answered += IsTimeReply(reply) ? 1 : 0;
        }

        // 120 s at 100 requests per second: the burst of 10 and one more per 5 s (23 in 119.99 s),
        // a kiss at 0 s, 50 s and 100 s, and every other request dropped.
        Assert.Equal(33, answered);
        Assert.Equal(3, kisses);
        Assert.Equal(3, harness.Counters.KodsSent);
        Assert.Equal(12_000 - 33 - 3, harness.Counters.Dropped(DropReason.RateLimited));
    }

    [Fact]
    public void NeverSendsAKissLongerThanTheRequest()
    {
        (string Label, byte[] Request)[] requests =
        [
            ("48 bytes", Requests.Client()),
            ("v3 48 bytes", Requests.Client(3)),
            ("v4 with a 28-byte extension field", Requests.WithExtensionFields([(0x7777, 28)])),
            ("v4 with two extension fields", Requests.WithExtensionFields([(0x7777, 16), (0x7778, 64)])),
            ("v4 with a 1000-byte extension field", Requests.WithExtensionFields([(0x7777, 1000)])),
        ];

        foreach ((string label, byte[] request) in requests)
        {
            var harness = new ServingHarness(Policies.Create(KodLimited));
            for (int i = 0; i < 10; i++)
            {
                Assert.True(harness.Serve(request, now: Start) is not null, label);
            }

            byte[]? kiss = harness.Serve(request, now: Start);

            Assert.True(kiss is not null && kiss[NtpHeader.StratumOffset] == 0, $"{label}: no kiss");
            Assert.True(kiss.Length == NtpHeader.Size && kiss.Length <= request.Length, $"{label}: a kiss of {kiss.Length} bytes for {request.Length}");
        }
    }

    [Fact]
    public void DropsWhenTheGlobalBudgetIsSpent()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.None, budget: new GlobalBudget(5)));

        for (int i = 0; i < 5; i++)
        {
            Assert.NotNull(harness.Serve(Requests.Client(), now: Start));
        }

        Assert.Null(harness.Serve(Requests.Client(), now: Start));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.GlobalBudget));
        Assert.Equal(0, harness.Counters.Dropped(DropReason.RateLimited));
        Assert.NotNull(harness.Serve(Requests.Client(), now: Start.AddSeconds(1)));
    }

    [Fact]
    public void CapsAFloodOfDistinctSources_AtTheGlobalBudget()
    {
        var harness = new ServingHarness(Policies.Create(KodLimited, budget: new GlobalBudget(100), tableSize: 65_536));
        int answered = 0;
        for (uint i = 0; i < 10_000; i++)
        {
            answered += harness.Serve(Requests.Client(), NetEndpoint.FromIPv4(0x0A000000 + i, 40123), now: Start) is null ? 0 : 1;
        }

        Assert.Equal(100, answered);
        Assert.Equal(9_900, harness.Counters.Dropped(DropReason.GlobalBudget));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1/32", "192.0.2.2")]
    [InlineData("2001:db8:1::5", "2001:db8:1::/48", "2001:db8:2::5")]
    public void NeverRateLimitsAClient_NotMarkedLimited(string exempt, string exemptRule, string limited)
    {
        var policy = Policies.Create(KodLimited, rules: [Addresses.Rule(exemptRule, AccessFlags.None)]);
        var harness = new ServingHarness(policy);

        for (int i = 0; i < 1000; i++)
        {
            Assert.True(harness.Serve(Requests.Client(), Addresses.Parse(exempt), now: Start) is not null, $"request {i + 1}");
        }

        Assert.Equal(0, harness.Counters.Dropped(DropReason.RateLimited));
        Assert.Equal(0, harness.Counters.KodsSent);
        Assert.Equal(0, policy.Limiter!.Table.Occupancy);
        Assert.Equal(10, Enumerable.Range(0, 20).Count(_ => IsTimeReply(harness.Serve(Requests.Client(), Addresses.Parse(limited), now: Start))));
    }

    [Fact]
    public void NeverRateLimits_WhenNoRuleSaysLimited()
    {
        var policy = new ServingPolicy(AccessList.Unrestricted, Limiters.Create(), null, 1);
        var harness = new ServingHarness(policy);

        for (int i = 0; i < 1000; i++)
        {
            Assert.NotNull(harness.Serve(Requests.Client(), now: Start));
        }

        Assert.Equal(0, policy.Limiter!.Table.Occupancy);
    }

    [Fact]
    public void SharesOneBucket_ForAnIPv4ClientSeenAsV4MappedIPv6()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.Limited));
        var viaIPv4 = NetEndpoint.FromIPv4(0xC0000201, 40123);
        var viaIPv6 = NetEndpoint.FromIPv6(Convert.FromHexString("00000000000000000000ffffc0000201"), 40123);

        for (int i = 0; i < 10; i++)
        {
            Assert.True(harness.Serve(Requests.Client(), i % 2 == 0 ? viaIPv4 : viaIPv6, now: Start) is not null, $"request {i + 1}");
        }

        Assert.Null(harness.Serve(Requests.Client(), viaIPv6, now: Start));
        Assert.Null(harness.Serve(Requests.Client(), viaIPv4, now: Start));
        Assert.Equal(2, harness.Counters.Dropped(DropReason.RateLimited));
    }

    [Fact]
    public void TreatsTheSameRequestRepeated100TimesInOneSecond_EachFreshUnderTheLimit()
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.Limited));
        byte[] request = Requests.Client();

        for (int i = 0; i < 100; i++)
        {
            var receive = new NtpTimestamp(ServingHarness.Receive.Value + ((ulong)i * 42_949_673));
            byte[]? reply = harness.Serve(request, receive: receive, now: Start.AddSeconds(i * 0.01));

            if (i < 10)
            {
                Assert.True(reply is not null, $"request {i + 1} not answered");
                Assert.Equal(InterleavedReplies.MarkReceive(receive), NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset)));
            }
            else
            {
                Assert.True(reply is null, $"request {i + 1} answered");
            }
        }

        Assert.Equal(90, harness.Counters.Dropped(DropReason.RateLimited));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(4242)]
    public void CountsAnIPv6SlashSixtyFour_AsOneClient_WhateverItsInterfaceIds(int seed)
    {
        var harness = new ServingHarness(Policies.Create(AccessFlags.Limited));
        var random = new Random(seed);
        byte[] address = Convert.FromHexString("20010db8000100020000000000000000");
        int answered = 0;
        for (int i = 0; i < 200; i++)
        {
            random.NextBytes(address.AsSpan(8));
            answered += harness.Serve(Requests.Client(), NetEndpoint.FromIPv6(address, 40123), now: Start) is null ? 0 : 1;
        }

        Assert.True(answered == 10, $"seed {seed}: {answered} answered from one /64");
        Assert.NotNull(harness.Serve(Requests.Client(), Addresses.Parse("2001:db8:1:3::1"), now: Start));
    }

    private static bool IsTimeReply(byte[]? reply) => reply is not null && reply[NtpHeader.StratumOffset] != 0;
}
