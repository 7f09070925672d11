using System.Net;
using System.Net.NetworkInformation;
using Meridian.Core;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// All serving loops of the process: one socket and thread per listen address, all serving the
/// same published <see cref="ServerStateCell"/>.
/// </summary>
public sealed class ServingEngine : IDisposable
{
    private readonly List<UdpServingLoop> _loops;

    private ServingEngine(List<UdpServingLoop> loops)
    {
        _loops = loops;
    }

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _loops.Select(l => l.LocalEndPoint).ToList();

    /// <summary>
    /// Binds every address, then starts serving. When any bind fails, or another process already
    /// serves one of the addresses, nothing is left open and the <see cref="ListenException"/> names
    /// the address and the reason.
    /// </summary>
    public static ServingEngine Start(IEnumerable<IPEndPoint> listen, ServerStateCell state) =>
        Start(listen, state, () => ServingPolicy.Open());

    /// <param name="policy">Makes each loop's own policy (access list, rate limiter, budget).</param>
    /// <param name="workers">
    /// Sockets and threads per listen address (SO_REUSEPORT, Linux only; elsewhere 1). Datagrams are
    /// steered to a worker by source address, so each client's rate limit lives in one worker's table.
    /// </param>
    /// <param name="maxRequestAge">How long a request may wait in a socket's receive queue and still be answered (default 10 ms).</param>
    public static ServingEngine Start(IEnumerable<IPEndPoint> listen, ServerStateCell state, Func<ServingPolicy> policy, int workers = 1, RequestAge? maxRequestAge = null)
    {
        workers = LinuxBatch.IsSupported ? Math.Max(1, workers) : 1;
        var classifier = new RequestClassifier(LocalAddresses());
        WarmUp(classifier, state);
        var loops = new List<UdpServingLoop>();
        var addresses = listen.ToList();
        try
        {
            if (workers > 1)
            {
                // One worker binds without SO_REUSEPORT and so fails by itself when the port is taken.
                addresses.ForEach(ExclusivePort.Probe);
            }

            foreach (IPEndPoint endPoint in addresses)
            {
                IPEndPoint address = endPoint;
                for (int worker = 0; worker < workers; worker++)
                {
                    var loop = UdpServingLoop.Bind(address, counters => new ServingPath(classifier, counters, policy(), maxRequestAge), state, reusePort: workers > 1);
                    loops.Add(loop);
                    if (worker == 0 && workers > 1)
                    {
                        address = loop.LocalEndPoint;
                        loop.SteerBySourceAddress(workers);
                    }
                }
            }

            if (workers > 1)
            {
                var ours = loops.Select(l => l.Socket).ToList();
                loops.Select(l => l.LocalEndPoint).Distinct().ToList().ForEach(bound => ExclusivePort.VerifySole(bound, ours));
            }
        }
        catch
        {
            loops.ForEach(l => l.Dispose());
            throw;
        }

        loops.ForEach(l => l.Start());
        return new ServingEngine(loops);
    }

    public ServingCountersSnapshot Counters() => ServingCountersSnapshot.Sum(_loops.Select(l => l.Counters));

    /// <summary>Datagrams the kernel dropped for the serving sockets (receive buffers full); read from /proc, off the serving path.</summary>
    public long KernelDrops() => KernelSocketDrops.Read(_loops.Select(l => l.Socket));

    /// <summary>Bytes allocated so far by the serving threads (sampled after each batch).</summary>
    public long AllocatedBytes => _loops.Sum(l => l.AllocatedBytes);

    /// <summary>
    /// Schedules every other thread of the process below the serving workers (<see cref="ServingThreads"/>);
    /// returns how many threads it lowered. Call once every worker runs, from the thread that goes on to start the rest.
    /// </summary>
    public int PutServingFirst()
    {
        SpinWait.SpinUntil(() => _loops.All(l => l.ThreadId != 0), TimeSpan.FromSeconds(5));
        return ServingThreads.Lower(ServingThreads.All(), _loops.Select(l => l.ThreadId).Where(id => id != 0).ToList());
    }

    /// <summary>Each serving loop's iteration count, named, for the watchdog.</summary>
    public IReadOnlyList<(string Name, Func<long> Iterations)> Heartbeats =>
        _loops.Select((l, i) => ($"serving worker {i} ({l.LocalEndPoint})", (Func<long>)(() => l.Iterations))).ToList();

    /// <summary>Each loop's rate limiter (for the client report and table counters).</summary>
    public IReadOnlyList<RateLimiter> Limiters => _loops.Select(l => l.Policy.Limiter).OfType<RateLimiter>().ToList();

    /// <summary>
    /// A reload: hands each loop the policy <paramref name="next"/> makes from the loop's latest one
    /// (in force, or offered and not yet taken; the next policy may keep its client table); each
    /// loop swaps it in itself. Reloads are serialized by the caller.
    /// </summary>
    public void Reconfigure(Func<ServingPolicy, ServingPolicy> next) =>
        _loops.ForEach(l => l.OfferPolicy(next(l.OfferedPolicy ?? l.Policy)));

    public void Dispose() => _loops.ForEach(l => l.Dispose());

    /// <summary>
    /// Runs the hot path once on a synthetic request so the first real request does not wait for
    /// the JIT between its arrival and its receive timestamp.
    /// </summary>
    private static void WarmUp(RequestClassifier classifier, ServerStateCell state)
    {
        var path = new ServingPath(classifier, new ServingCounters());
        ServedSnapshot snapshot = state.Current;
        LocalTime now = RealtimeClock.ReadLocal();
        Span<byte> request = stackalloc byte[NtpHeader.Size];
        Span<byte> reply = stackalloc byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        var client = NetEndpoint.FromIPv4(0x7F000001, 40123);
        int length = path.Handle(request, reply, client, client with { Port = RequestClassifier.NtpPort }, snapshot.Serve(now), now.Monotonic, snapshot.State);
        if (path.MaySend(length, request.Length))
        {
            Responder.StampTransmit(reply, snapshot.Serve(RealtimeClock.ReadLocal()));
        }
    }

    /// <summary>The unicast addresses of this host's interfaces, for P6's loop check on wildcard sockets.</summary>
    private static IEnumerable<NetEndpoint> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => SocketEndpoints.FromIPEndPoint(new IPEndPoint(a.Address, 0)));
}
