using Meridian.Core.Serving;
using Meridian.Core.Tests.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>
/// A spoofed flood in virtual time through the real <see cref="ServingPath"/>: <c>floodPerSecond</c>
/// requests per second from <c>floodSources</c> distinct IPv4 addresses (10.0.0.0/8, each in turn)
/// between <c>floodStart</c> and <c>floodEnd</c> (each at a fixed pseudo-random point of its slot), interleaved at their exact times with the requests
/// of a few watched clients, whose answers are counted. Deterministic: no clock, no randomness
/// beyond the policy's seeded leak.
/// </summary>
internal sealed class FloodScenario(ServingPolicy policy, double floodPerSecond, int floodSources, double floodStart, double floodEnd)
{
    /// <summary>Virtual time starts here, so the scenario can begin well before the flood.</summary>
    private const double Origin = 100_000;

    private readonly List<(double At, int Client)> _requests = [];
    private readonly List<Watched> _clients = [];

    public ServingCounters Counters { get; } = new();

    /// <summary>Adds a client sending one request every <paramref name="every"/> seconds (each up to 1 ms late) from <paramref name="from"/> until before <paramref name="until"/>.</summary>
    public Watched Watch(NetEndpoint source, double from, double every, double until)
    {
        var client = new Watched(source);
        _clients.Add(client);
        for (double at = from; at < until; at += every)
        {
            // Up to 1 ms late, at a fixed pseudo-random point: no phase lock with the flood's slots.
            _requests.Add((at + (Jitter(((long)_clients.Count << 32) + _requests.Count) * 1e-3), _clients.Count - 1));
        }

        return client;
    }

    /// <summary>Runs everything; the watched clients' answers are counted from <paramref name="countFrom"/> on.</summary>
    public void Run(double countFrom)
    {
        var state = ServerState.LocalClock(1, -20, NtpTimestamp.Zero);
        var path = new ServingPath(new RequestClassifier([ServingHarness.Server]), Counters, policy);
        byte[] request = Requests.Client();
        byte[] transmit = new byte[NtpHeader.Size];
        var receive = new NtpTimestamp(0xEA00_0000_0000_0000);
        (double At, int Client)[] requests = [.. _requests.OrderBy(r => r.At)];
        long floodCount = floodPerSecond <= 0 ? 0 : (long)((floodEnd - floodStart) * floodPerSecond);
        int next = 0;
        for (long k = 0; k <= floodCount; k++)
        {
            double floodAt = k < floodCount ? floodStart + ((k + Jitter(k)) / floodPerSecond) : double.MaxValue;
            for (; next < requests.Length && requests[next].At <= floodAt; next++)
            {
                Watched client = _clients[requests[next].Client];
                int length = path.Handle(request, transmit, client.Source, ServingHarness.Server, receive, At(requests[next].At), state);
                if (requests[next].At >= countFrom)
                {
                    client.Count(length, transmit);
                }
            }

            if (k < floodCount)
            {
                var spoofed = NetEndpoint.FromIPv4(0x0A00_0000 + (uint)(k % floodSources), (ushort)(1024 + (k & 0x7FFF)));
                if (path.Handle(request, transmit, spoofed, ServingHarness.Server, receive, At(floodAt), state) > 0)
                {
                    FloodAnswered++;
                }
            }
        }
    }

    public long FloodAnswered { get; private set; }

    /// <summary>A fixed pseudo-random number from 0 to 1 for <paramref name="k"/> (SplitMix64): where in its slot of 1/rate seconds the k-th flood request arrives.</summary>
    private static double Jitter(long k)
    {
        ulong z = (ulong)k * 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return (z ^ (z >> 31)) / 18446744073709551616.0;
    }

    private static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(Origin + seconds);

    /// <summary>One watched client and what it got.</summary>
    public sealed class Watched(NetEndpoint source)
    {
        public NetEndpoint Source => source;

        public int Sent { get; private set; }

        /// <summary>Time replies (a RATE kiss is not one).</summary>
        public int Answered { get; private set; }

        public int Kisses { get; private set; }

        public void Count(int length, byte[] reply)
        {
            Sent++;
            Answered += length > 0 && reply[NtpHeader.StratumOffset] != 0 ? 1 : 0;
            Kisses += length > 0 && reply[NtpHeader.StratumOffset] == 0 ? 1 : 0;
        }

        public override string ToString() => $"{Answered} of {Sent} answered ({100.0 * Answered / Math.Max(1, Sent):0}%), {Kisses} RATE kisses";
    }
}
