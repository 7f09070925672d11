using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

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
    private readonly List<SyncEvent> _events = [];
    private readonly List<ClockUpdate> _clockUpdates = [];
    private readonly List<PeerSample> _peerSamples = [];
    private readonly SyncStateLog _stateLog = new();
    private readonly ServedStateBuilder _state;
    private readonly PollController _poll;
    private readonly LeapKeeper _leap;
    private int _nextSourceId;
    private int _nextEntryIndex;
    private UpstreamSource? _systemPeer;
    private string? _lastFailure;

    public Synchronizer(SynchronizerOptions options, IEntropySource entropy)
    {
        _options = options;
        _entropy = entropy;
        _entries = options.Upstreams.Select(spec => new UpstreamEntry(_nextEntryIndex++, spec)).ToList();
        _discipline = new ClockDiscipline(options.Discipline, options.InitialFrequency);
        _state = new ServedStateBuilder(options);
        _leap = new LeapKeeper(options);
        _poll = new PollController(
            options.Upstreams.Select(u => u.Options.MinPoll).DefaultIfEmpty(6).Min(),
            options.Upstreams.Select(u => u.Options.MaxPoll).DefaultIfEmpty(10).Max());
    }

    /// <summary>The discipline's correction with the leap seconds attached (software served clock), as the synchronizer measures with it.</summary>
    public ClockCorrection Correction => _leap.Attach(_discipline.Correction, served: false);

    /// <summary>The correction to serve: <see cref="Correction"/>, and a leap smear while one runs.</summary>
    public ClockCorrection ServedCorrection => _leap.Attach(_discipline.Correction, served: true);

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
        if (_leap.IsNearLeap(Correction.Serve(receivedAt)))
        {
            return Step(receivedAt, [], []); // its exchange may straddle the leap: neither side's timestamps are comparable
        }

        ResponseOutcome outcome = source?.HandleResponse(packet, receivedAt, Correction) ?? ResponseOutcome.Ignored;
        switch (outcome)
        {
            case ResponseOutcome.NewFilterOutput or ResponseOutcome.Sampled:
                // Every sample can change which sources are selectable; a sample of a survivor
                // updates the discipline with the survivors' combined estimate.
                SelectAndDiscipline(receivedAt, source!);
                if (source!.Filter.HasOutput)
                {
                    RecordSample(source, receivedAt);
                }

                break;
            case ResponseOutcome.KissRate:
                Emit(SyncEventKind.RateKiss, source!.Name, 1 << source.Poll, $"{source.Name}: RATE kiss, polling backs off to {1 << source.Poll} s");
                break;
            case ResponseOutcome.KissDeny:
                Emit(SyncEventKind.DenyKiss, source!.Name, 0, $"{source.Name}: DENY/RSTR kiss, no longer polled");
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
        if (Entry(upstreamIndex) is not UpstreamEntry entry)
        {
            return Step(now, [], []); // the upstream was removed by a reload while its lookup ran
        }

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
            Emit(SyncEventKind.AddressesInUse, entry.Spec.Name, wait, $"{entry.Spec.Name}: every address is already used by another upstream; looking again in {wait:0} s");
        }

        return Step(now, [], []);
    }

    public SyncStep HandleResolveFailed(int upstreamIndex, LocalTime now)
    {
        if (Entry(upstreamIndex) is not UpstreamEntry entry)
        {
            return Step(now, [], []);
        }

        double wait = entry.ResolveFailed(now.Monotonic);
        Emit(SyncEventKind.ResolveFailed, entry.Spec.Name, wait, $"DNS lookup of {entry.Spec.Name} failed; retrying in {wait:0} s");
        return Step(now, [], []);
    }

    /// <summary>
    /// A reload's upstream list. An upstream whose line is unchanged keeps its sources and all their
    /// state (reach, filter, poll); a removed one is dropped with its sources (no longer the system
    /// peer); a new or changed one is looked up at the next timer. Lookups of removed upstreams
    /// still running are ignored when they answer.
    /// </summary>
    public SyncStep HandleReconfigure(IReadOnlyList<UpstreamSpec> upstreams, LocalTime now)
    {
        var remaining = new List<UpstreamEntry>(_entries);
        var next = new List<UpstreamEntry>();
        foreach (UpstreamSpec spec in upstreams)
        {
            UpstreamEntry? kept = remaining.FirstOrDefault(e => e.Spec == spec);
            if (kept is not null)
            {
                remaining.Remove(kept);
            }
            else
            {
                Emit(SyncEventKind.UpstreamAdded, spec.Name, 0, $"upstream {spec.Name} added");
            }

            next.Add(kept ?? new UpstreamEntry(_nextEntryIndex++, spec));
        }

        foreach (UpstreamEntry removed in remaining)
        {
            Emit(SyncEventKind.UpstreamRemoved, removed.Spec.Name, removed.Sources.Count, $"upstream {removed.Spec.Name} removed ({removed.Sources.Count} sources)");
            if (_systemPeer is not null && removed.Sources.Contains(_systemPeer))
            {
                _systemPeer = null;
            }
        }

        _entries.Clear();
        _entries.AddRange(next);
        return Step(now, [], []);
    }

    /// <summary>
    /// A leap file read by the edge (at start and at each reload), or null when there is none or it could
    /// not be read, with its path (for status): it decides leap seconds from the next step while it is
    /// usable and unexpired; an expired or expiring one is warned about now and daily.
    /// </summary>
    public SyncStep HandleLeapFile(LeapFile? file, string? path, LocalTime now)
    {
        _leap.HandleFile(file, path);
        return Step(now, [], []);
    }

    /// <summary>The state served at <paramref name="now"/>, read without side effects (no polls, no events).</summary>
    public ServerState ServedState(LocalTime now) => _leap.Decorate(_state.Build(now, _discipline), now, ServedCorrection);

    public SyncSnapshot Snapshot(LocalTime now)
    {
        SyncSnapshot snapshot = _state.Snapshot(now, _discipline, _systemPeer, _entries);
        return snapshot with
        {
            Leap = snapshot.Leap == LeapIndicator.Unsynchronized ? snapshot.Leap : ServedState(now).Leap, // what clients get, not the system peer's bits
            LeapSecond = _leap.Snapshot(now, ServedCorrection),
        };
    }

    private UpstreamEntry? Entry(int index) => _entries.FirstOrDefault(e => e.Index == index);

    private void SelectAndDiscipline(LocalTime at, UpstreamSource sampled)
    {
        MonotonicTime now = at.Monotonic;
        var usable = Sources.Where(s => IsUsable(s, now)).ToList();
        SelectionResult result = SourceSelection.Select(
            usable.Select(s => new SelectionCandidate(s.Id, s.OffsetNow(now, Correction), s.RootDistance(now, Correction), s.Jitter(now, Correction), s.Stratum, s.Options.Prefer, s.PeerDistance, s.Statistics.HasEstimate ? s.Statistics.ErrorAt(now) : double.NaN)).ToList(),
            _options.MinSane,
            _options.MinClock,
            Sources.Count(s => !s.Denied && (s.IsReachable || s.PollsSent <= SourceOptions.BurstCount)) / 2 + 1,
            _systemPeer?.Id);
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
                Emit(result.NoMajority ? SyncEventKind.NoMajority : SyncEventKind.NoSelectableSources, null, 0, $"no selectable sources: {result.Failure}");
            }

            _lastFailure = result.Failure;
            return;
        }

        _lastFailure = null;

        if (peer != _systemPeer)
        {
            Emit(SyncEventKind.SystemPeerChanged, peer.Name, 0, $"system peer is now {peer.Name}");
            _systemPeer = peer;
        }

        if (sampled.Tally is Tally.SystemPeer or Tally.Candidate)
        {
            ApplyDiscipline(result, peer, sampled, at);
        }
    }

    private void ApplyDiscipline(SelectionResult result, UpstreamSource peer, UpstreamSource sampled, LocalTime now)
    {
        DisciplineUpdate update = _discipline.Update(result.Offset, CombinedFrequency(now.Monotonic), now.Monotonic);
        switch (update.Action)
        {
            case DisciplineAction.Stepped:
                Emit(SyncEventKind.Stepped, null, update.Offset, $"stepped the served clock by {update.Offset:+0.000000;-0.000000} s");
                foreach (UpstreamSource source in Sources)
                {
                    source.HandleClockStep();
                }

                break;
            case DisciplineAction.Slewed when sampled == peer:
                _poll.Update(peer.Statistics.RunsSamples, peer.Statistics.LastPredictionRatio, peer.Statistics.LastInnovation);
                break;
            case DisciplineAction.Refused:
                Emit(SyncEventKind.PanicRefused, null, update.Offset, $"offset {update.Offset:0.000} s exceeds the panic threshold of {_options.Discipline.PanicThreshold} s: not correcting (set 'tinker panic 0' to allow)");
                return;
            case DisciplineAction.SpikeIgnored:
                return;
        }

        _state.RecordUpdate(now, peer, result.Jitter, _discipline.Correction);
        _clockUpdates.Add(new ClockUpdate(_discipline.Correction.Serve(now), update.Offset, _discipline.Correction.Frequency, result.Jitter, _poll.Poll));
        foreach (UpstreamSource source in Sources)
        {
            source.FollowSystemPoll(_poll.Poll);
        }
    }

    /// <summary>The survivors' frequency estimates, weighted like their offsets (1/lambda).</summary>
    private double CombinedFrequency(MonotonicTime now)
    {
        double weights = 0, sum = 0;
        foreach (UpstreamSource s in Sources.Where(s => s.Tally is Tally.SystemPeer or Tally.Candidate))
        {
            double weight = 1 / s.RootDistance(now, Correction);
            weights += weight;
            sum += weight * s.Statistics.Frequency;
        }

        return sum / weights;
    }

    /// <summary>
    /// A source is selectable once its statistics have an estimate (three samples, 4 s with iburst):
    /// its offset is then predicted from a fitted line, with an error bound that covers it.
    /// </summary>
    private bool IsUsable(UpstreamSource s, MonotonicTime now) =>
        s.Statistics.HasEstimate && s.IsReachable && !s.Options.NoSelect && !s.Denied
        && s.Stratum < Rfc5905.MaxStratum && s.Leap != LeapIndicator.Unsynchronized
        && s.RootDistance(now, Correction) < _options.MaxDistance;

    private void ReplaceFailedPoolSources()
    {
        foreach (UpstreamEntry entry in _entries)
        {
            foreach (UpstreamSource source in entry.Replaceable().ToList())
            {
                entry.Sources.Remove(source);
                Emit(SyncEventKind.PoolSourceReplaced, source.Name, 0, $"{entry.Spec.Name}: replacing {source.Name}");
                if (source == _systemPeer)
                {
                    _systemPeer = null;
                }
            }
        }
    }

    private void RecordSample(UpstreamSource source, LocalTime at)
    {
        bool configured = !_entries.Any(e => e.Spec.IsPool && e.Sources.Contains(source));
        _peerSamples.Add(new PeerSample(
            Correction.Serve(at), source.Endpoint, source.Tally, source.IsReachable, configured,
            source.OffsetNow(at.Monotonic, Correction), source.Filter.Delay, source.Filter.Dispersion, source.Filter.Jitter(at.Monotonic, Correction)));
    }

    private void Emit(SyncEventKind kind, string? source, double value, string text) => _events.Add(new SyncEvent(kind, source, value, text));

    private SyncStep Step(LocalTime now, List<OutgoingRequest> requests, List<ResolveRequest> resolves)
    {
        MonotonicTime next = now.Monotonic.AddSeconds(StateRefreshSeconds);
        if (Correction.SlewEnd > now.Monotonic)
        {
            next = MonotonicTime.Min(next, Correction.SlewEnd); // the kernel discipline ends the slew on time
        }

        foreach (UpstreamSource source in Sources)
        {
            next = MonotonicTime.Min(next, source.NextPoll);
        }

        foreach (UpstreamEntry entry in _entries.Where(e => e.Wanted && !e.Resolving))
        {
            next = MonotonicTime.Min(next, entry.NextResolve);
        }

        // The leap vote is among the truechimers (every source the intersection kept): the cluster
        // algorithm's few survivors could otherwise hand a lying minority a majority.
        _events.AddRange(_leap.Update(now, Correction, Sources.Where(s => s.Tally is Tally.SystemPeer or Tally.Candidate or Tally.Outlier).Select(s => s.Leap).ToList()));
        _stateLog.Observe(now.Monotonic, _state.IsSynchronized(now.Monotonic, _discipline), _systemPeer, Sources, _events);
        var events = _events.ToList();
        _events.Clear();
        var step = new SyncStep(requests, resolves, ServedState(now), ServedCorrection, next, events) { KernelLeap = _leap.KernelLeap };
        if (_clockUpdates.Count > 0 || _peerSamples.Count > 0)
        {
            step = step with { ClockUpdates = _clockUpdates.ToList(), PeerSamples = _peerSamples.ToList() };
            _clockUpdates.Clear();
            _peerSamples.Clear();
        }

        return step;
    }
}
