using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// A small driver for the <see cref="Synchronizer"/> on a perfect local clock (monotonic t reads as
/// system time <c>epoch + t</c>): lookups are answered at once from a table, requests by the real
/// <see cref="Responder"/> as stratum-1 servers with a fixed clock error over a symmetric 1 ms path.
/// </summary>
internal sealed class SyncHarness
{
    private const double OneWay = 0.001;

    private static readonly NtpTimestamp Epoch = NtpTimestamp.FromUnixTime(1_795_305_600, 0);

    private readonly Dictionary<int, IReadOnlyList<NetEndpoint>> _lookups = [];
    private readonly Dictionary<NetEndpoint, double> _serverErrors = [];

    public SyncHarness(SynchronizerOptions options, int seed = 1)
    {
        Synchronizer = new Synchronizer(options, new SimRandom(seed));
    }

    public Synchronizer Synchronizer { get; }

    public double Now { get; private set; }

    public LocalTime Local => At(Now);

    public List<SyncEvent> Events { get; } = [];

    /// <summary>Every step the synchronizer returned, in order.</summary>
    public List<SyncStep> Steps { get; } = [];

    public static LocalTime At(double seconds) => new(MonotonicTime.Zero.AddSeconds(seconds), ClockCorrection.Add(Epoch, seconds));

    public static NetEndpoint Address(int host) => NetEndpoint.FromIPv4(0xC0000200u | (uint)host, 123);

    public static UpstreamSpec Server(string name, SourceOptions? options = null, ushort port = 123) =>
        new(name, port, false, 1, options ?? new SourceOptions(Iburst: true));

    /// <summary>Lookups of upstream <paramref name="index"/> answer <paramref name="addresses"/>.</summary>
    public void Resolves(int index, params NetEndpoint[] addresses) => _lookups[index] = addresses;

    /// <summary>The server at <paramref name="address"/> answers with its clock <paramref name="error"/> seconds ahead.</summary>
    public void Answers(NetEndpoint address, double error = 0) => _serverErrors[address] = error;

    /// <summary>Runs the synchronizer's timers, lookups and exchanges for <paramref name="seconds"/>.</summary>
    public SyncStep RunFor(double seconds)
    {
        double end = Now + seconds;
        SyncStep step = Apply(Synchronizer.HandleTimer(Local));
        while (Seconds(step.NextDeadline) <= end)
        {
            Now = Math.Max(Now, Seconds(step.NextDeadline));
            step = Apply(Synchronizer.HandleTimer(Local));
        }

        Now = end;
        return step;
    }

    /// <summary>A reload with <paramref name="upstreams"/>; the step is carried out like any other.</summary>
    public SyncStep Reconfigure(params UpstreamSpec[] upstreams) => Apply(Synchronizer.HandleReconfigure(upstreams, Local));

    private SyncStep Apply(SyncStep step)
    {
        Steps.Add(step);
        Events.AddRange(step.Events);
        SyncStep last = step;
        foreach (OutgoingRequest request in step.Requests)
        {
            if (!_serverErrors.TryGetValue(request.Destination, out double error))
            {
                continue;
            }

            byte[] reply = new byte[request.Packet.Length];
            NtpTimestamp receive = ClockCorrection.Add(Local.System, OneWay + error);
            Responder.WriteReply(request.Packet, reply, receive, ServerState.LocalClock(1, -20, Epoch));
            Responder.StampTransmit(reply, receive);
            Now += 2 * OneWay;
            last = Apply(Synchronizer.HandleResponse(request.SourceId, reply, Local));
        }

        foreach (ResolveRequest resolve in step.Resolves)
        {
            last = _lookups.TryGetValue(resolve.UpstreamIndex, out var addresses)
                ? Apply(Synchronizer.HandleResolved(resolve.UpstreamIndex, addresses, Local))
                : Apply(Synchronizer.HandleResolveFailed(resolve.UpstreamIndex, Local));
        }

        return last;
    }

    private static double Seconds(MonotonicTime time) => time.Nanoseconds / 1e9;
}
