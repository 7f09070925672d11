using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// A simulated upstream server: true time plus a fixed error, answering through the real
/// <see cref="Responder"/> as a stratum-1 server, or with a RATE kiss. It can be switched off. It can
/// leap (its clock follows UTC across <see cref="Leaps"/>) and announce a leap on the last day before it
/// (<see cref="Announces"/>): an honest one does both for the same leap, a liar announces what does not come.
/// </summary>
internal sealed class SimUpstream(string name, double clockError, SimLink link)
{
    private static readonly ServingPath Path = new(new RequestClassifier([]), new ServingCounters());

    private static readonly ServerState State = ServerState.LocalClock(1, -20, NtpTimestamp.Zero);

    /// <summary>The leap its clock makes (null: it serves the pre-leap scale on, like a server that missed it).</summary>
    public LeapEvent? Leaps { get; set; }

    /// <summary>The leap it announces during the last day before it (null: it announces nothing).</summary>
    public LeapEvent? Announces { get; set; }

    public string Name { get; } = name;

    /// <summary>The server's clock minus true time; an event may step it.</summary>
    public double ClockError { get; set; } = clockError;

    public SimLink Link { get; } = link;

    public bool SendsRateKiss { get; init; }

    /// <summary>True time from which it stops answering (all upstreams lost).</summary>
    public double SilentFrom { get; set; } = double.PositiveInfinity;

    public int RequestsReceived { get; private set; }

    /// <summary>The reply to a request that arrived at true time <paramref name="arrival"/>, sent <paramref name="processing"/> later.</summary>
    public byte[]? Answer(byte[] request, double arrival, double processing, NtpTimestamp epoch)
    {
        RequestsReceived++;
        if (arrival >= SilentFrom)
        {
            return null;
        }

        byte[] reply = new byte[request.Length];
        var client = Meridian.Core.NetEndpoint.FromIPv4(0x0A000001, 40000);
        NtpTimestamp now = ClockAt(epoch, arrival);
        bool announcing = Announces is LeapEvent a && now.SecondsSince(a.AnnounceFrom) >= 0 && a.At.SecondsSince(now) > 0;
        ServerState state = announcing ? State with { Leap = Announces!.Value.Kind } : State;
        int length = Path.Handle(request, reply, client, client with { Port = 123 }, now, default, state);
        if (length == 0)
        {
            return null;
        }

        Responder.StampTransmit(reply.AsSpan(0, length), ClockAt(epoch, arrival + processing));
        if (SendsRateKiss)
        {
            reply[NtpHeader.StratumOffset] = 0;
            KissCode.Rate.Write(reply.AsSpan(NtpHeader.ReferenceIdOffset));
        }

        return reply[..length];
    }

    private NtpTimestamp ClockAt(NtpTimestamp epoch, double trueTime) => SimUtc.Apply(Leaps, Meridian.Core.Time.ClockCorrection.Add(epoch, trueTime + ClockError));
}
