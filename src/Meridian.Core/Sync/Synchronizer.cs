using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// Owns the upstream sources, selection and the discipline. Each input (timer, response, DNS
/// answer) returns a <see cref="SyncStep"/>: packets to send, lookups to make, the served state
/// and clock correction to publish, and the next deadline. One thread drives it.
/// </summary>
public sealed class Synchronizer
{
    private const double StateRefreshSeconds = 1;

    private readonly SynchronizerOptions _options;
    private readonly IEntropySource _entropy;
    private readonly List<UpstreamEntry> _entries;
    private readonly ClockDiscipline _discipline;
    private readonly List<string> _events = [];
    private readonly ServedStateBuilder _state;
    private readonly PollController _poll;
    private int _nextSourceId;
    private UpstreamSource? _systemPeer;
    private string? _lastFailure;
    private MonotonicTime _lastDisciplinedSample = new(long.MinValue);

    public Synchronizer(SynchronizerOptions options, IEntropySource entropy)
    {
        _options = options;
        _entropy = entropy;
        _entries = options.Upstreams.Select((spec, i) => new UpstreamEntry(i, spec)).ToList();
        _discipline = new ClockDiscipline(options.Discipline, options.InitialFrequency);
        _state = new ServedStateBuilder(options);
        _poll = new PollController(
            options.Upstreams.Select(u => u.Options.MinPoll).DefaultIfEmpty(6).Min(),
            options.Upstreams.Select(u => u.Options.MaxPoll).DefaultIfEmpty(10).Max());
    }

    public ClockCorrection Correction => _discipline.Correction;

    public IEnumerable<UpstreamSource> Sources => _entries.SelectMany(e => e.Sources);

    public ClockDiscipline Discipline => _discipline;

    public SyncStep HandleTimer(LocalTime now)
    {
        ReplaceFailedPoolSources();
        var resolves = _entries.Where(e => e.ResolveDue(now.Monotonic)).Select(e => e.StartResolve()).ToList();
        var requests = Sources.Select(s => s.HandlePoll(now, Correction)).OfType<OutgoingRequest>().ToList();
        return Step(now, requests, resolves);
    }

    public SyncStep HandleResponse(int sourceId, ReadOnlySpan<byte> packet, LocalTime receivedAt)
    {
        UpstreamSource? source = Sources.FirstOrDefault(s => s.Id == sourceId);
        ResponseOutcome outcome = source?.HandleResponse(packet, receivedAt, Correction) ?? ResponseOutcome.Ignored;
        switch (outcome)
        {
            case ResponseOutcome.NewFilterOutput or ResponseOutcome.Sampled:
                // Every sample can change which sources are selectable (a filter just became full);
                // the discipline itself only takes a system peer's sample once.
                SelectAndDiscipline(receivedAt);
                break;
            case ResponseOutcome.KissRate:
                _events.Add($"{source!.Name}: RATE kiss, polling backs off to {1 << source.Poll} s");
                break;
            case ResponseOutcome.KissDeny:
                _events.Add($"{source!.Name}: DENY/RSTR kiss, no longer polled");
                break;
        }

        return Step(receivedAt, [], []);
    }

    /// <summary>A request to <paramref name="sourceId"/> failed at once: counted against the source, polled again only when due.</summary>
    public SyncStep HandleUnreachable(int sourceId, string reason, LocalTime now)
    {
        Sources.FirstOrDefault(s => s.Id == sourceId)?.HandleUnreachable(reason);
        return Step(now, [], []);
    }

    public SyncStep HandleResolved(int upstreamIndex, IReadOnlyList<NetEndpoint> addresses, LocalTime now)
    {
        UpstreamEntry entry = _entries[upstreamIndex];
        entry.ResolveSucceeded(now.Monotonic);
        var inUse = Sources.Select(s => s.Endpoint).ToHashSet();
        foreach (NetEndpoint address in addresses.Where(a => !inUse.Contains(a)))
        {
            if (!entry.Wanted)
            {
                break;
            }

            string name = entry.Spec.IsPool ? address.ToString()
                : entry.Spec.Port == 123 ? entry.Spec.Name
                : $"{entry.Spec.Name}:{entry.Spec.Port}";
            entry.Sources.Add(new UpstreamSource(_nextSourceId++, name, address, entry.Spec.Options, now.Monotonic, _entropy, _options.Precision));
            inUse.Add(address);
        }

        if (entry.Wanted && !entry.Spec.IsPool)
        {
            double wait = entry.ResolveFailed(now.Monotonic);
            _events.Add($"{entry.Spec.Name}: every address is already used by another upstream; looking again in {wait:0} s");
        }

        return Step(now, [], []);
    }

    public SyncStep HandleResolveFailed(int upstreamIndex, LocalTime now)
    {
        UpstreamEntry entry = _entries[upstreamIndex];
        double wait = entry.ResolveFailed(now.Monotonic);
        _events.Add($"DNS lookup of {entry.Spec.Name} failed; retrying in {wait:0} s");
        return Step(now, [], []);
    }

    public SyncSnapshot Snapshot(LocalTime now) => _state.Snapshot(now, _discipline, _systemPeer, _entries);

    private void SelectAndDiscipline(LocalTime at)
    {
        MonotonicTime now = at.Monotonic;
        var usable = Sources.Where(s => IsUsable(s, now)).ToList();
        SelectionResult result = SourceSelection.Select(
            usable.Select(s => new SelectionCandidate(s.Id, s.OffsetNow(now, Correction), s.RootDistance(now, Correction), s.Filter.Jitter(now, Correction), s.Stratum, s.Options.Prefer)).ToList(),
            _options.MinSane,
            _options.MinClock,
            Sources.Count(s => !s.Denied && (s.IsReachable || s.PollsSent <= SourceOptions.BurstCount)) / 2 + 1);
        foreach (UpstreamSource source in Sources)
        {
            source.Tally = result.Tallies.GetValueOrDefault(source.Id, Tally.Rejected);
            source.FalsetickerRounds = source.Tally == Tally.Falseticker ? source.FalsetickerRounds + 1 : 0;
        }

        UpstreamSource? peer = Sources.FirstOrDefault(s => s.Id == result.SystemPeer);
        if (peer is null)
        {
            if (result.Failure != _lastFailure)
            {
                _events.Add($"no selectable sources: {result.Failure}");
            }

            _lastFailure = result.Failure;
            return;
        }

        _lastFailure = null;

        if (peer != _systemPeer)
        {
            _events.Add($"system peer is now {peer.Name}");
            _systemPeer = peer;
        }

        if (peer.Filter.OutputTime > _lastDisciplinedSample)
        {
            _lastDisciplinedSample = peer.Filter.OutputTime;
            ApplyDiscipline(result, peer, at);
        }
    }

    private void ApplyDiscipline(SelectionResult result, UpstreamSource peer, LocalTime now)
    {
        var sample = new FrequencySample(peer.Filter.OutputTime, peer.Filter.Offset + peer.Filter.OutputCorrection);
        DisciplineUpdate update = _discipline.Update(result.Offset, now.Monotonic, Math.ScaleB(1, peer.Poll), sample);
        switch (update.Action)
        {
            case DisciplineAction.Stepped:
                _events.Add($"stepped the served clock by {update.Offset:+0.000000;-0.000000} s");
                _poll.Reset();
                foreach (UpstreamSource source in Sources)
                {
                    source.HandleClockStep();
                }

                break;
            case DisciplineAction.Slewed when _discipline.State == DisciplineState.Sync:
                _poll.Update(update.Offset, result.Jitter);
                break;
            case DisciplineAction.Refused:
                _events.Add($"offset {update.Offset:0.000} s exceeds the panic threshold of {_options.Discipline.PanicThreshold} s: not correcting (set 'tinker panic 0' to allow)");
                return;
            case DisciplineAction.SpikeIgnored:
                return;
        }

        _state.RecordUpdate(now, peer, result.Jitter, _discipline.Correction);
        foreach (UpstreamSource source in Sources)
        {
            source.FollowSystemPoll(_poll.Poll);
        }
    }

    /// <summary>
    /// A source is selectable once its filter is full (eight samples, 16 s with iburst): before that
    /// its error bounds span seconds and any sources, right or wrong, would seem to agree.
    /// </summary>
    private bool IsUsable(UpstreamSource s, MonotonicTime now) =>
        s.Filter.IsFull && s.IsReachable && !s.Options.NoSelect && !s.Denied
        && s.Stratum < SyncConstants.MaxStratum && s.Leap != LeapIndicator.Unsynchronized
        && s.RootDistance(now, Correction) < _options.MaxDistance;

    private void ReplaceFailedPoolSources()
    {
        foreach (UpstreamEntry entry in _entries)
        {
            foreach (UpstreamSource source in entry.Replaceable().ToList())
            {
                entry.Sources.Remove(source);
                _events.Add($"{entry.Spec.Name}: replacing {source.Name}");
                if (source == _systemPeer)
                {
                    _systemPeer = null;
                }
            }
        }
    }

    private SyncStep Step(LocalTime now, List<OutgoingRequest> requests, List<ResolveRequest> resolves)
    {
        MonotonicTime next = now.Monotonic.AddSeconds(StateRefreshSeconds);
        foreach (UpstreamSource source in Sources)
        {
            next = MonotonicTime.Min(next, source.NextPoll);
        }

        foreach (UpstreamEntry entry in _entries.Where(e => e.Wanted && !e.Resolving))
        {
            next = MonotonicTime.Min(next, entry.NextResolve);
        }

        var events = _events.ToList();
        _events.Clear();
        return new SyncStep(requests, resolves, _state.Build(now, _discipline), Correction, next, events);
    }
}
