using Meridian.Protocol;
using Meridian.Core.Client;
using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// One upstream server (RFC 5905 §9–10): poll scheduling between minpoll and maxpoll with random
/// spacing, iburst, the reach register, requests that carry a random transmit timestamp and no
/// other client data (RFC 9109, data minimization), origin checks, kiss-o'-death handling and the
/// clock filter. Sans IO: time and randomness come in, packets and samples go out.
/// </summary>
public sealed class UpstreamSource
{
    private readonly IEntropySource _entropy;
    private readonly sbyte _localPrecision;
    private int _burstRemaining;
    private int _rateBackoffPoll;
    private bool _inFlight;
    private ulong _cookie;
    private NtpTimestamp _sentServed;
    private long _sentEpoch;
    private sbyte _remotePrecision = -20;

    public UpstreamSource(int id, string name, NetEndpoint endpoint, SourceOptions options, MonotonicTime now, IEntropySource entropy, sbyte localPrecision)
    {
        Id = id;
        Name = name;
        Endpoint = endpoint;
        Options = options;
        _entropy = entropy;
        _localPrecision = localPrecision;
        Poll = options.MinPoll;
        _burstRemaining = options.Iburst ? SourceOptions.BurstCount : 0;
        NextPoll = now.AddSeconds(entropy.NextDouble());
    }

    public int Id { get; }

    public string Name { get; }

    public NetEndpoint Endpoint { get; }

    public SourceOptions Options { get; }

    public ClockFilter Filter { get; } = new();

    /// <summary>The 8-bit reach register: bit 0 is the latest poll, set when it was answered.</summary>
    public byte Reach { get; private set; }

    public int Poll { get; private set; }

    public MonotonicTime NextPoll { get; private set; }

    public bool Denied { get; private set; }

    public Tally Tally { get; set; }

    /// <summary>Consecutive selections that found this source a falseticker (for pool replacement).</summary>
    public int FalsetickerRounds { get; set; }

    /// <summary>Polls sent since the source was created, up to 255.</summary>
    public int PollsSent { get; private set; }

    public MonotonicTime? LastResponse { get; private set; }

    public LeapIndicator Leap { get; private set; } = LeapIndicator.Unsynchronized;

    public byte Stratum { get; private set; } = Rfc5905.MaxStratum;

    public ReferenceId ReferenceId { get; private set; }

    public double RootDelay { get; private set; }

    public double RootDispersion { get; private set; }

    public bool IsReachable => Reach != 0;

    /// <summary>The source's measurements as a line through true minus system time: its phase and frequency estimate.</summary>
    public SourceStatistics Statistics { get; } = new();

    /// <summary>Why the latest request failed at once (an ICMP error such as port unreachable); null once a reply comes.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Requests that failed at once since the source was created.</summary>
    public long Failures { get; private set; }

    /// <summary>
    /// Root distance (RFC 5905 §11.2.1, lambda): how far the true time may be from this source's
    /// offset: half the round trip to the reference clock (at least 1 ms), the dispersions, PHI per
    /// second since the last sample, and the error of the statistics' prediction.
    /// </summary>
    public double RootDistance(MonotonicTime now, ClockCorrection correction) => Statistics.HasEstimate
        ? Math.Max(0.001, RootDelay + Statistics.MinDelay) / 2 + RootDispersion + SampleDispersion
            + Rfc5905.Phi * now.SecondsSince(Statistics.Reference) + Statistics.ErrorAt(now) + Statistics.Noise
        : Math.Max(0.001, RootDelay + Filter.Delay) / 2 + RootDispersion + Filter.Dispersion
            + Rfc5905.Phi * now.SecondsSince(Filter.OutputTime) + Filter.Jitter(now, correction);

    /// <summary>The source's quality as system peer: its root distance without the terms that grow between polls.</summary>
    public double PeerDistance => (RootDelay + Statistics.MinDelay) / 2 + RootDispersion + Statistics.Noise;

    /// <summary>The source's offset (true minus served time) at <paramref name="now"/>, as its statistics predict it.</summary>
    public double OffsetNow(MonotonicTime now, ClockCorrection correction) => Statistics.HasEstimate
        ? Statistics.TrueMinusSystemAt(now) - correction.OffsetAt(now)
        : correction.Project(Filter.Offset, Filter.OutputTime, Filter.OutputCorrection, now);

    /// <summary>The scatter of the source's samples about its line (RFC 5905's peer jitter).</summary>
    public double Jitter(MonotonicTime now, ClockCorrection correction) =>
        Statistics.HasEstimate ? Statistics.Noise : Filter.Jitter(now, correction);

    /// <summary>The precision of both ends: the dispersion every sample starts with.</summary>
    public double SampleDispersion => Math.ScaleB(1, _remotePrecision) + Math.ScaleB(1, _localPrecision);

    /// <summary>Sends the next poll when it is due; null when not due or denied.</summary>
    public OutgoingRequest? HandlePoll(LocalTime now, ClockCorrection correction)
    {
        if (Denied || now.Monotonic < NextPoll)
        {
            return null;
        }

        Reach <<= 1;
        PollsSent = Math.Min(PollsSent + 1, 255);
        if (Reach == 0 && Options.Iburst && _burstRemaining == 0 && PollsSent > SourceOptions.BurstCount)
        {
            _burstRemaining = SourceOptions.BurstCount;
            Poll = Options.MinPoll;
        }

        _cookie = _entropy.NextUInt64();
        _sentServed = correction.Serve(now);
        _sentEpoch = correction.Epoch;
        _inFlight = true;
        NextPoll = now.Monotonic.AddSeconds(NextInterval());
        return new OutgoingRequest(Id, Endpoint, BuildRequest(_cookie)) { Nts = Options.Nts };
    }

    /// <summary>Handles a datagram from this source's address, received at <paramref name="receivedAt"/>.</summary>
    public ResponseOutcome HandleResponse(ReadOnlySpan<byte> packet, LocalTime receivedAt, ClockCorrection correction)
    {
        if (!_inFlight)
        {
            return ResponseOutcome.Ignored;
        }

        ReplyVerdict verdict = ServerReply.Check(packet, new NtpTimestamp(_cookie), out NtpHeader reply);
        if (verdict is ReplyVerdict.TooShort or ReplyVerdict.WrongMode or ReplyVerdict.OriginMismatch)
        {
            return ResponseOutcome.Ignored;
        }

        _inFlight = false;
        LastFailure = null;
        if (verdict == ReplyVerdict.Kiss)
        {
            return HandleKiss(reply.ReferenceId, receivedAt.Monotonic);
        }

        Reach |= 1;
        LastResponse = receivedAt.Monotonic;
        Leap = reply.Leap;
        Stratum = reply.Stratum;
        ReferenceId = reply.ReferenceId;
        RootDelay = reply.RootDelay.ToSeconds();
        RootDispersion = reply.RootDispersion.ToSeconds();
        if (verdict != ReplyVerdict.Valid)
        {
            return ResponseOutcome.Unsynchronized;
        }

        if (correction.Epoch != _sentEpoch)
        {
            return ResponseOutcome.Sampled; // the served clock was stepped in flight: no valid sample
        }

        return AddSample(reply, correction.Serve(receivedAt), receivedAt.Monotonic, correction.OffsetAt(receivedAt.Monotonic));
    }

    /// <summary>
    /// The request in flight failed at once (the edge read an ICMP error for it, or could not send it):
    /// it stays unanswered, so the reach register already shows a miss, and nothing more is sent before
    /// the next poll. False when no request was in flight.
    /// </summary>
    public bool HandleUnreachable(string reason)
    {
        if (!_inFlight)
        {
            return false;
        }

        _inFlight = false;
        LastFailure = reason;
        Failures++;
        return true;
    }

    /// <summary>After a clock step all earlier samples are wrong: start the filter over.</summary>
    public void HandleClockStep() => Filter.Clear();

    /// <summary>Polls at the system poll, within this source's bounds and never faster than a RATE kiss asked.</summary>
    public void FollowSystemPoll(int systemPoll) =>
        Poll = Math.Clamp(Math.Max(systemPoll, _rateBackoffPoll), Options.MinPoll, Math.Max(Options.MaxPoll, _rateBackoffPoll));

    private ResponseOutcome AddSample(NtpHeader reply, NtpTimestamp t4, MonotonicTime now, double correctionNow)
    {
        double offset = ServerReply.Offset(reply, _sentServed, t4);
        double delay = ServerReply.Delay(reply, _sentServed, t4);
        _remotePrecision = reply.Precision;
        double dispersion = SampleDispersion + Rfc5905.Phi * delay;
        Statistics.Add(now, offset + correctionNow, delay);
        return Filter.Add(new NtpSample(offset, delay, dispersion, now, correctionNow))
            ? ResponseOutcome.NewFilterOutput
            : ResponseOutcome.Sampled;
    }

    private ResponseOutcome HandleKiss(ReferenceId code, MonotonicTime now)
    {
        if (KissCode.MeansStop(code))
        {
            Denied = true;
            Reach = 0;
            NextPoll = MonotonicTime.MaxValue;
            return ResponseOutcome.KissDeny;
        }

        if (code != KissCode.Rate)
        {
            // Any other code (INIT above all: RFC 5905 puts an unsynchronized server's stratum 16 on
            // the wire as 0) is an answer from a server with no time to give: reachable, no sample.
            Reach |= 1;
            LastResponse = now;
            Leap = LeapIndicator.Unsynchronized;
            Stratum = Rfc5905.MaxStratum;
            ReferenceId = code;
            return ResponseOutcome.Unsynchronized;
        }

        Reach |= 1;
        _burstRemaining = 0;
        _rateBackoffPoll = Math.Min(Math.Max(Poll + 1, Options.MinPoll + 1), Math.Max(Options.MaxPoll, Options.MinPoll + 1));
        Poll = _rateBackoffPoll;
        NextPoll = now.AddSeconds(Math.ScaleB(1, Poll));
        return ResponseOutcome.KissRate;
    }

    /// <summary>2 s within a burst, otherwise 2^poll seconds shortened by up to 10 % at random.</summary>
    private double NextInterval()
    {
        if (_burstRemaining > 0 && --_burstRemaining > 0)
        {
            return SourceOptions.BurstSpacingSeconds;
        }

        return Math.ScaleB(1, Poll) * (0.9 + 0.1 * _entropy.NextDouble());
    }

    /// <summary>A mode-3 request with nothing but the version and a random transmit timestamp.</summary>
    private static byte[] BuildRequest(ulong cookie)
    {
        byte[] packet = new byte[NtpHeader.Size];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        new NtpTimestamp(cookie).Write(packet.AsSpan(NtpHeader.TransmitTimestampOffset));
        return packet;
    }
}
