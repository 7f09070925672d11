using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>Design principle 4: classify + respond allocates nothing per request.</summary>
public class ServingAllocationTests
{
    private const int RequestRounds = 10_000;
    private const int Rounds = 3;
    private static readonly ServerState State = ServerState.Unsynchronized(-20);

    [Fact]
    public void AllocatesZeroBytesPerRequest_ThroughClassifyAndRespond()
    {
        var path = new ServingPath(new RequestClassifier([NetEndpoint.FromIPv4(0x0A000001, 0)]), new ServingCounters());
        byte[][] requests =
        [
            Requests.Client(),
            Requests.Client(1, NtpMode.Reserved),
            Requests.WithExtensionFields([(0x7777, 28), (0x7778, 64)]),
            Requests.WithExtensionFields([(0x0204, 40)]),
            Requests.PadTo(Requests.FromHex("1700032a"), 48),
            Requests.Client(length: 12),
        ];
        byte[] transmit = new byte[65536];
        var source = NetEndpoint.FromIPv4(0xC0000201, 123);
        var destination = NetEndpoint.FromIPv4(0xC0000202, 123);
        Serve(path, requests, transmit, source, destination, 100);

        var allocated = new List<long>();
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Serve(path, requests, transmit, source, destination, RequestRounds);
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // A one-time allocation of the runtime (a tiered-JIT recompile) may land in one round; an
        // allocation per request shows in every round, at least one byte per request.
        Assert.Equal(0, allocated.Min());
        Assert.All(allocated, bytes => Assert.True(bytes < RequestRounds, $"rounds allocated {string.Join(", ", allocated)} bytes"));
        Assert.Equal(((Rounds * RequestRounds) + 100) * requests.Length, path.Counters.Received);
    }

    [Fact]
    public void AllocatesZeroBytesPerRequest_ForEveryNtsOutcome()
    {
        var kit = new Nts.NtsTestKit();
        var path = new ServingPath(new RequestClassifier([]), new ServingCounters(), kit.Policy());
        byte[] foreign = (byte[])kit.Cookie.Clone();
        foreign[0] ^= 0xFF;
        byte[] badAuthenticator = kit.Request(out _);
        badAuthenticator[NtpHeader.Size + 8] ^= 1;
        byte[][] requests =
        [
            kit.Request(out _),
            kit.Request(out _, placeholders: 7),
            kit.Request(out _, cookie: foreign),
            badAuthenticator,
            kit.Request(out _)[..^40],
        ];
        byte[] transmit = new byte[65536];
        var source = NetEndpoint.FromIPv4(0xC0000201, 40123);
        var destination = NetEndpoint.FromIPv4(0xC0000202, 123);
        Serve(path, requests, transmit, source, destination, 100);

        var allocated = new List<long>();
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Serve(path, requests, transmit, source, destination, RequestRounds / 10);
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated.Min());
        Assert.All(allocated, bytes => Assert.True(bytes < RequestRounds / 10, $"rounds allocated {string.Join(", ", allocated)} bytes ({kit})"));
        long rounds = (Rounds * RequestRounds / 10) + 100;
        Assert.Equal(2 * rounds, path.Counters.NtsAuthenticated);
        Assert.Equal(rounds, path.Counters.NtsNaks);
        Assert.Equal(rounds, path.Counters.Dropped(DropReason.NtsBadAuthenticator));
        Assert.Equal(rounds, path.Counters.Dropped(DropReason.NtsMalformed));
    }

    private static void Serve(ServingPath path, byte[][] requests, byte[] transmit, NetEndpoint source, NetEndpoint destination, int rounds)
    {
        var receive = new NtpTimestamp(0xEA00_0000_0000_0000);
        for (int i = 0; i < rounds; i++)
        {
            foreach (byte[] request in requests)
            {
                int length = path.Handle(request, transmit, source, destination, receive, default, State);
                if (path.MaySend(length, request.Length) && path.StampAndSeal(transmit.AsSpan(0, length), receive))
                {
                    path.CountSent(true, length);
                }
            }
        }
    }
}
