using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// One upstream source and a server answering it through the real <see cref="Responder"/>, on a
/// perfect local clock: monotonic time t reads as system time <c>epoch + t</c>.
/// </summary>
internal sealed class SourceWithServer
{
    /// <summary>2026-11-22T00:00:00Z.</summary>
    public static readonly NtpTimestamp DefaultEpoch = NtpTimestamp.FromUnixTime(1_795_305_600, 0);

    public static readonly NetEndpoint Server = NetEndpoint.FromIPv4(0xC0000201, 123);

    public static readonly ServerState Stratum1 = ServerState.LocalClock(1, -20, DefaultEpoch);

    public SourceWithServer(SourceOptions? options = null, int seed = 1, NtpTimestamp? epoch = null)
    {
        Epoch = epoch ?? DefaultEpoch;
        Source = new UpstreamSource(0, "server", Server, options ?? new SourceOptions(), MonotonicTime.Zero, new SimRandom(seed), -20);
    }

    public UpstreamSource Source { get; }

    public NtpTimestamp Epoch { get; set; }

    public ClockCorrection Correction { get; set; } = ClockCorrection.None;

    /// <summary>The last request sent and when.</summary>
    public OutgoingRequest? Request { get; private set; }

    public LocalTime SentAt { get; private set; }

    public LocalTime At(MonotonicTime monotonic) => new(monotonic, ClockCorrection.Add(Epoch, monotonic.Nanoseconds / 1e9));

    /// <summary>Sends the next poll at the moment it is due.</summary>
    public OutgoingRequest PollWhenDue()
    {
        SentAt = At(Source.NextPoll);
        Request = Source.HandlePoll(SentAt, Correction) ?? throw new InvalidOperationException("no request when due");
        return Request;
    }

    /// <summary>
    /// The real responder's reply to the last request, from a server whose clock is
    /// <paramref name="serverError"/> ahead of the client's system clock, over a symmetric path.
    /// </summary>
    public byte[] Reply(double serverError = 0, double oneWay = 0.001, double processing = 0.0003, ServerState? state = null)
    {
        byte[] request = Request!.Packet;
        NtpTimestamp receive = ClockCorrection.Add(SentAt.System, oneWay + serverError);
        byte[] reply = new byte[request.Length];
        Assert.Equal(NtpHeader.Size, Responder.WriteReply(request, reply, receive, state ?? Stratum1));
        Responder.StampTransmit(reply, ClockCorrection.Add(receive, processing));
        return reply;
    }

    /// <summary>The real responder's kiss-o'-death answer to the last request.</summary>
    public byte[] Kiss(ReferenceId code)
    {
        byte[] request = Request!.Packet;
        byte[] reply = new byte[request.Length];
        Assert.Equal(NtpHeader.Size, Responder.WriteKiss(request, reply, ClockCorrection.Add(SentAt.System, 0.001), code));
        return reply;
    }

    /// <summary>Delivers <paramref name="reply"/> <paramref name="afterSeconds"/> after the last request was sent.</summary>
    public ResponseOutcome Deliver(byte[] reply, double afterSeconds = 0.0023) =>
        Source.HandleResponse(reply, At(SentAt.Monotonic.AddSeconds(afterSeconds)), Correction);

    /// <summary>Polls when due and delivers the real responder's answer.</summary>
    public ResponseOutcome PollAndAnswer(double serverError = 0)
    {
        PollWhenDue();
        return Deliver(Reply(serverError));
    }
}
