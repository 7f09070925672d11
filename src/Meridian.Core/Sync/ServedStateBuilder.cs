using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// Derives the served <see cref="ServerState"/> from the last clock update (RFC 5905 §11.2.3):
/// stratum one above the system peer, its address (or IPv6 hash) as reference id, root delay and
/// dispersion accumulated from it. Between updates the root dispersion grows by PHI per second
/// (holdover); once the root distance passes maxdist the server says "not synchronized" again, or
/// serves the local clock when a local stratum is configured.
/// </summary>
internal sealed class ServedStateBuilder(SynchronizerOptions options)
{
    private bool _updated;
    private MonotonicTime _lastUpdate;
    private NtpTimestamp _reference;
    private LeapIndicator _leap;
    private byte _stratum;
    private sbyte _poll;
    private ReferenceId _referenceId;
    private double _rootDelay;
    private double _rootDispersion;

    public void RecordUpdate(LocalTime now, UpstreamSource peer, double systemJitter, ClockCorrection correction)
    {
        _updated = true;
        _lastUpdate = now.Monotonic;
        _reference = correction.Serve(now);
        _leap = peer.Leap;
        _stratum = (byte)Math.Min(peer.Stratum + 1, Rfc5905.MaxStratum);
        _poll = (sbyte)peer.Poll;
        _referenceId = ReferenceIdOf(peer.Endpoint);
        _rootDelay = peer.RootDelay + peer.Statistics.MinDelay;
        _rootDispersion = peer.RootDispersion + peer.SampleDispersion + peer.Statistics.ErrorAt(now.Monotonic) + systemJitter;
    }

    public bool IsSynchronized(MonotonicTime now, ClockDiscipline discipline) =>
        _updated && discipline.State != DisciplineState.Panic && _stratum < Rfc5905.MaxStratum
        && _rootDelay / 2 + RootDispersion(now) <= options.MaxDistance;

    public ServerState Build(LocalTime now, ClockDiscipline discipline)
    {
        if (!IsSynchronized(now.Monotonic, discipline))
        {
            return options.LocalStratum is int local
                ? ServerState.LocalClock((byte)local, options.Precision, discipline.Correction.Serve(now))
                : ServerState.Unsynchronized(options.Precision);
        }

        return new ServerState(
            _leap,
            _stratum,
            _poll,
            options.Precision,
            NtpShort.FromSeconds(_rootDelay),
            NtpShort.FromSeconds(RootDispersion(now.Monotonic) + Math.Abs(discipline.Correction.RemainingSlew(now.Monotonic))),
            _referenceId,
            _reference);
    }

    public SyncSnapshot Snapshot(LocalTime now, ClockDiscipline discipline, UpstreamSource? systemPeer, IEnumerable<UpstreamEntry> entries)
    {
        bool synchronized = IsSynchronized(now.Monotonic, discipline);
        string state = discipline.State == DisciplineState.Panic ? "panic"
            : !synchronized ? "unsynchronized"
            : systemPeer is null || !systemPeer.IsReachable ? "holdover"
            : "synchronized";
        var rows = entries.SelectMany(e => e.Sources.Select(s => Row(s, e.Spec.IsPool, now.Monotonic, discipline.Correction))).ToList();
        return new SyncSnapshot(
            state,
            synchronized ? systemPeer?.Name : null,
            synchronized ? _stratum : Rfc5905.MaxStratum,
            discipline.LastOffset * 1e3,
            discipline.Correction.Frequency * 1e6,
            synchronized ? _rootDelay * 1e3 : 0,
            synchronized ? RootDispersion(now.Monotonic) * 1e3 : Rfc5905.MaxDispersion * 1e3,
            synchronized ? _leap : LeapIndicator.Unsynchronized,
            discipline.State,
            rows)
        {
            ReferenceTime = _updated ? _reference : null,
            RmsOffsetMs = discipline.RmsOffset * 1e3,
            SkewPpm = systemPeer is { Statistics.HasEstimate: true } peer ? peer.Statistics.FrequencyError * 1e6 : null,
            UpdateIntervalSeconds = discipline.UpdateInterval,
        };
    }

    private double RootDispersion(MonotonicTime now) => _rootDispersion + Rfc5905.Phi * Math.Max(0, now.SecondsSince(_lastUpdate));

    private static SourceSnapshot Row(UpstreamSource s, bool fromPool, MonotonicTime now, ClockCorrection correction) => new(
        s.Name,
        s.Tally,
        s.LastFailure is not null ? "UNREACH" : s.LastResponse is null ? "INIT" : SourceSnapshot.FormatReferenceId(s.ReferenceId, s.Stratum),
        s.Stratum,
        fromPool ? 'p' : 'u',
        s.LastResponse is MonotonicTime last ? now.SecondsSince(last) : null,
        1 << s.Poll,
        s.Reach,
        s.Filter.HasOutput ? s.Filter.Delay * 1e3 : 0,
        s.Filter.HasOutput ? s.OffsetNow(now, correction) * 1e3 : 0,
        s.Filter.HasOutput ? s.Filter.Jitter(now, correction) * 1e3 : 0) { Failure = s.LastFailure, Nts = s.Options.Nts is not null };

    private static ReferenceId ReferenceIdOf(NetEndpoint endpoint)
    {
        Span<byte> address = stackalloc byte[16];
        int length = endpoint.WriteAddress(address);
        return length == 4 ? ReferenceId.FromIPv4(address) : ReferenceId.FromIPv6(address);
    }
}
