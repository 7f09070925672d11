using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// The synchronizer's leap-second state: the leap file it was handed, the decision at each step
/// (<see cref="LeapDecision"/>), and the <see cref="LeapClock"/> attached to the correction so the served
/// clock and the synchronizer's own timestamps pass the leap together with the upstreams. With the kernel
/// discipline the kernel clock leaps by itself, so nothing is attached and the kernel is armed instead
/// (<see cref="KernelLeap"/>).
/// </summary>
internal sealed class LeapKeeper(SynchronizerOptions options)
{
    /// <summary>Replies received this close to a leap are not used: their exchange may straddle it.</summary>
    public const double QuietSeconds = 2;

    private LeapFile? _file;
    private string? _path;
    private NtpTimestamp? _expiryWarned;
    private LeapVerdict _verdict = LeapVerdict.None;
    private LeapClock _clock = new(0, null, options.LeapSmear);
    private NtpTimestamp? _passed;
    private LeapEvent? _armed;
    private NtpTimestamp? _disagreementReported;
    private (ClockCorrection? Base, ClockCorrection? Attached) _ownCache;
    private (ClockCorrection? Base, ClockCorrection? Attached) _servedCache;

    public LeapVerdict Verdict => _verdict;

    /// <summary>The leap the kernel must be armed for now (kernel discipline, the last day before it), or null.</summary>
    public LeapEvent? KernelLeap => options.KernelLeaps ? _armed : null;

    /// <summary>The leap armed now (announced, or being smeared), until it has passed.</summary>
    public LeapEvent? Armed => _armed;

    public void HandleFile(LeapFile? file, string? path)
    {
        _file = file;
        _path = path;
        _expiryWarned = null;
    }

    /// <summary>
    /// The correction with the leap clock attached (the same object while nothing changed). The served one
    /// (<paramref name="served"/>) carries the smear, if any; the synchronizer's own timestamps never do:
    /// it keeps measuring against UTC as its upstreams serve it, so a smear is not taken for an offset.
    /// </summary>
    public ClockCorrection Attach(ClockCorrection correction, bool served)
    {
        if (options.KernelLeaps || _clock.IsNone)
        {
            return correction;
        }

        LeapClock clock = served ? _clock : _clock with { Smear = null };
        ref (ClockCorrection? Base, ClockCorrection? Attached) cache = ref served ? ref _servedCache : ref _ownCache;
        if (!ReferenceEquals(correction, cache.Base) || cache.Attached!.Leap != clock)
        {
            cache = (correction, correction with { Leap = clock });
        }

        return cache.Attached!;
    }

    /// <summary>True within <see cref="QuietSeconds"/> of the pending leap (served time).</summary>
    public bool IsNearLeap(NtpTimestamp served) =>
        (_armed is LeapEvent armed && Math.Abs(served.SecondsSince(armed.At)) < QuietSeconds)
        || (_passed is NtpTimestamp passed && Math.Abs(served.SecondsSince(passed)) < QuietSeconds);

    /// <summary>
    /// Decides again at <paramref name="now"/> and returns the events to report. A leap is armed when the
    /// decision announces it (the last day before it) and stays armed until it has passed, unless a valid
    /// leap file says otherwise before it starts (a flapping upstream majority does not disarm it).
    /// </summary>
    public IEnumerable<SyncEvent> Update(LocalTime now, ClockCorrection correction, IReadOnlyList<LeapIndicator> selected)
    {
        NtpTimestamp continuous = correction.Continuous(now);
        NtpTimestamp served = (options.KernelLeaps ? correction : correction with { Leap = _clock with { Smear = null } }).Serve(now);
        if (_armed is LeapEvent armed && (options.KernelLeaps ? served.SecondsSince(armed.At) >= 0 : _clock.HasPassed(continuous)))
        {
            _passed = armed.At;
            _armed = null;
            _clock = options.KernelLeaps ? _clock : _clock.Settle();
            yield return new SyncEvent(SyncEventKind.LeapPassed, null, armed.Seconds, $"leap second at {At(armed.At)} passed");
        }

        if (ExpiryWarning(served) is SyncEvent expiry)
        {
            yield return expiry;
        }

        LeapVerdict verdict = LeapDecision.Decide(_file, served, selected);
        if (verdict.Next is LeapEvent next && next.At == _passed)
        {
            verdict = verdict with { Next = null, Announced = false }; // the repeated second of an insertion: already done
        }

        if (verdict.UpstreamsDisagree && _disagreementReported != LeapCalendar.EndOfMonth(served))
        {
            _disagreementReported = LeapCalendar.EndOfMonth(served);
            string upstreams = string.Join(", ", selected.Select(l => (int)l));
            yield return new SyncEvent(SyncEventKind.LeapDisagreement, null, verdict.Next?.Seconds ?? 0,
                $"the leap file and the selected upstreams disagree (file: {Describe(verdict.Next, served)}; upstreams' leap indicators: {upstreams}); following the file");
        }

        _verdict = verdict;
        if (_armed is null && verdict.Announced && verdict.Next is LeapEvent scheduled)
        {
            _armed = scheduled;
            _clock = options.KernelLeaps ? _clock : _clock with { Pending = scheduled };
            yield return new SyncEvent(SyncEventKind.LeapScheduled, null, scheduled.Seconds,
                $"leap second {(scheduled.Seconds > 0 ? "insertion" : "deletion")} at {At(scheduled.At)} (from the {verdict.Source.ToString().ToLowerInvariant()}){(options.LeapSmear is null ? "; announced to clients" : "; smeared, not announced")}");
        }
        else if (_armed is LeapEvent withdrawn && verdict.Source == LeapSource.File && verdict.Next != withdrawn
            && served.SecondsSince(withdrawn.At) < -1 && !_clock.IsSmearing(continuous))
        {
            _armed = null;
            _clock = _clock with { Pending = null };
            yield return new SyncEvent(SyncEventKind.LeapCancelled, null, 0, $"the leap file lists no leap second at {At(withdrawn.At)}; not applying it");
        }
    }

    /// <summary>An expired or expiring leap file: at once, then every 24 h.</summary>
    private SyncEvent? ExpiryWarning(NtpTimestamp now)
    {
        if (_file is not { IsUsable: true, Expires: NtpTimestamp expires } || _file.ExpiryAt(now) == LeapFileExpiry.Valid
            || (_expiryWarned is NtpTimestamp last && now.SecondsSince(last) < LeapCalendar.SecondsPerDay))
        {
            return null;
        }

        _expiryWarned = now;
        double days = expires.SecondsSince(now) / LeapCalendar.SecondsPerDay;
        return new SyncEvent(SyncEventKind.LeapFileExpiring, _path, days, days <= 0
            ? $"{_path}: the leap file expired on {At(expires)}: it may miss a leap second announced since; leap seconds come from a majority of the upstreams until it is updated (tzdata)"
            : $"{_path}: the leap file expires on {At(expires)}, in {days:0.0} days: update it (tzdata)");
    }

    /// <summary>The served state with the leap indicator of the decision (LI 0 while smearing, and the smear refid).</summary>
    public ServerState Decorate(ServerState state, LocalTime now, ClockCorrection correction)
    {
        if (!state.IsSynchronized)
        {
            return state;
        }

        NtpTimestamp continuous = correction.Continuous(now);
        if (_clock.IsSmearing(continuous))
        {
            return state with { Leap = LeapIndicator.NoWarning, ReferenceId = SmearReferenceId(_clock, continuous) };
        }

        LeapIndicator indicator = options.LeapSmear is null && _armed is LeapEvent armed ? armed.Kind : LeapIndicator.NoWarning;
        return state.Leap == indicator ? state : state with { Leap = indicator };
    }

    public LeapSnapshot Snapshot(LocalTime now, ClockCorrection correction) => new(
        _armed ?? _verdict.Next,
        _verdict.Source,
        _armed is not null && options.LeapSmear is null,
        _clock.IsSmearing(correction.Continuous(now)),
        _path,
        _file?.IsUsable ?? false,
        _file?.Hash,
        _file?.Expires,
        _file?.ExpiryAt(correction.Serve(now)));

    /// <summary>
    /// While smearing, the reference id is 254.x.y.z: 254/8 is reserved address space, so no client can take
    /// it for one of its own addresses (loop detection), and x.y.z is the part of the leap applied, in 2^-24 s.
    /// </summary>
    private static ReferenceId SmearReferenceId(LeapClock clock, NtpTimestamp continuous)
    {
        double applied = Math.Abs(continuous.SecondsSince(clock.Apply(continuous)) - clock.PassedSeconds);
        return new ReferenceId(0xFE000000u | (uint)Math.Min(0xFFFFFF, Math.Round(applied * (1 << 24))));
    }

    private static string At(NtpTimestamp at) => LeapCalendar.ToUtc(at).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(LeapEvent? leap, NtpTimestamp now) =>
        leap is LeapEvent l && LeapDecision.Announcing(l, now) ? $"{(l.Seconds > 0 ? "insertion" : "deletion")} at {At(l.At)}" : "no leap today";
}
