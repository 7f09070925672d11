using System.Collections.Concurrent;
using System.Net;
using Meridian.Core;
using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Core.Time;
using Meridian.Net.Nts;

namespace Meridian.Net;

/// <summary>
/// The synchronization edge: one thread that owns the <see cref="Synchronizer"/>, carries out each
/// <see cref="SyncStep"/> (sends requests, starts DNS lookups, publishes the served state with its
/// clock correction, in one snapshot, and a status snapshot) and feeds back replies, DNS answers and timers.
/// </summary>
public sealed class SyncLoop : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(100);

    private readonly Synchronizer _synchronizer;
    private readonly ClockMode _mode;
    private readonly ServerStateCell _state;
    private readonly Action<string> _log;
    private readonly UpstreamExchange _exchange;
    private readonly ConcurrentQueue<(int Index, IReadOnlyList<NetEndpoint>? Addresses)> _resolved = new();
    private readonly ConcurrentQueue<IReadOnlyList<UpstreamSpec>> _reconfigure = new();
    private readonly ConcurrentQueue<(LeapFile? File, string? Path)> _leapFiles = new();
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private NtsUpstreams? _nts;
    private SyncSnapshot _snapshot;
    private MonotonicTime _deadline;
    private long _iterations;

    public SyncLoop(Synchronizer synchronizer, ClockMode mode, ServerStateCell state, Action<string> log)
    {
        _synchronizer = synchronizer;
        _mode = mode;
        _state = state;
        _log = log;
        _exchange = new UpstreamExchange(mode.ReadLocal);
        _snapshot = synchronizer.Snapshot(mode.ReadLocal());
        _thread = new Thread(Run) { IsBackground = true, Name = "sync" };
    }

    /// <summary>Called on the sync thread with every step (the statistics files); must not block.</summary>
    public Action<SyncStep>? StepObserver { get; init; }

    /// <summary>Where events the operator must act on go (a leap file expiring, a leap file the upstreams contradict); the log by default.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>Trust anchors for the NTS-KE of <c>nts</c> upstreams (<c>ntstrustedcerts</c>); null: the system store.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection? NtsTrustedCertificates { get; init; }

    /// <summary>The latest status, published by the sync thread about once a second.</summary>
    public SyncSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Times the loop has gone round (at least every 100 ms): a watchdog's sign of life.</summary>
    public long Iterations => Volatile.Read(ref _iterations);

    public void Start() => _thread.Start();

    /// <summary>A reload's upstream list (any thread); the sync thread hands it to the synchronizer at its next wake-up (100 ms at most).</summary>
    public void Reconfigure(IReadOnlyList<UpstreamSpec> upstreams) => _reconfigure.Enqueue(upstreams);

    /// <summary>A leap file read by the edge (any thread; null: none usable), handed to the synchronizer at the sync thread's next wake-up.</summary>
    public void LoadLeapFile(LeapFile? file, string? path) => _leapFiles.Enqueue((file, path));

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _exchange.Dispose();
        _nts?.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (_leapFiles.TryDequeue(out var leap))
        {
            Apply(_synchronizer.HandleLeapFile(leap.File, leap.Path, _mode.ReadLocal()));
        }

        Apply(_synchronizer.HandleTimer(_mode.ReadLocal()));
        while (!_stop.IsSet)
        {
            Volatile.Write(ref _iterations, _iterations + 1);
            WaitForInput();
            while (_reconfigure.TryDequeue(out var upstreams))
            {
                Apply(_synchronizer.HandleReconfigure(upstreams, _mode.ReadLocal()));
            }

            while (_leapFiles.TryDequeue(out var leap))
            {
                Apply(_synchronizer.HandleLeapFile(leap.File, leap.Path, _mode.ReadLocal()));
            }

            while (_resolved.TryDequeue(out var answer))
            {
                LocalTime now = _mode.ReadLocal();
                Apply(answer.Addresses is { Count: > 0 } addresses
                    ? _synchronizer.HandleResolved(answer.Index, addresses, now)
                    : _synchronizer.HandleResolveFailed(answer.Index, now));
            }

            LocalTime local = _mode.ReadLocal();
            if (local.Monotonic >= _deadline)
            {
                Apply(_synchronizer.HandleTimer(local));
                Volatile.Write(ref _snapshot, _synchronizer.Snapshot(local));
                _nts?.Retain(_synchronizer.Sources.Select(s => s.Id));
            }
        }
    }

    private void WaitForInput()
    {
        TimeSpan untilDeadline = TimeSpan.FromSeconds(Math.Max(0, _deadline.SecondsSince(_mode.ReadLocal().Monotonic)));
        TimeSpan wait = untilDeadline < MaxWait ? untilDeadline : MaxWait;
        if (!_exchange.HasPending)
        {
            _stop.Wait(wait);
            return;
        }

        foreach (UpstreamAnswer answer in _exchange.Receive(wait))
        {
            string? failure = answer.Failure;
            Apply(answer.Packet is byte[] packet && (_nts is null || _nts.Accept(answer.SourceId, packet, out failure))
                ? _synchronizer.HandleResponse(answer.SourceId, packet, answer.At)
                : _synchronizer.HandleUnreachable(answer.SourceId, failure!, answer.At));
        }
    }

    private void Apply(SyncStep step)
    {
        MonotonicTime now = _mode.ReadLocal().Monotonic;
        _state.Publish(step.State, _mode.Apply(step.Correction, now));
        if (_mode.ApplyLeap(step.KernelLeap) is { Outcome: not KernelLeapOutcome.Unchanged } leap)
        {
            _log(KernelLeapText(leap));
        }

        _deadline = step.NextDeadline;
        foreach (SyncEvent syncEvent in step.Events)
        {
            (syncEvent.Kind is SyncEventKind.LeapFileExpiring or SyncEventKind.LeapDisagreement ? Warn ?? _log : _log)(syncEvent.Text);
        }

        StepObserver?.Invoke(step);

        List<(int SourceId, string Error)>? unsent = null;
        foreach (OutgoingRequest planned in step.Requests)
        {
            OutgoingRequest? request = planned;
            string? error = null;
            if (planned.Nts is not null)
            {
                _nts ??= new NtsUpstreams(NtsTrustedCertificates, _log);
                request = _nts.Prepare(planned, now, out error);
            }

            if (request is null || !_exchange.TrySend(request, now, out error))
            {
                if (request is not null)
                {
                    _log(error!); // an NTS source's missing keys are logged once, by NtsUpstreams
                }

                (unsent ??= []).Add((planned.SourceId, error!));
            }
        }

        foreach (ResolveRequest resolve in step.Resolves)
        {
            _ = ResolveAsync(resolve);
        }

        // A request that could not even be sent is that source's failure too (its step sends nothing).
        foreach (var (sourceId, error) in unsent ?? [])
        {
            Apply(_synchronizer.HandleUnreachable(sourceId, error, _mode.ReadLocal()));
        }
    }

    private static string KernelLeapText(KernelLeapAction action) => action.Outcome switch
    {
        KernelLeapOutcome.Armed => $"kernel armed for the leap second ({(action.Leap!.Value.Seconds > 0 ? "STA_INS" : "STA_DEL")}) at the end of today, UTC",
        KernelLeapOutcome.Verified => "the kernel passed the leap second; leap bit cleared",
        KernelLeapOutcome.Missed => $"the kernel did not pass the leap second: stepped the clock by {action.StepSeconds:+0;-0} s instead",
        _ => "kernel leap bit cleared (no leap second due)",
    };

    private async Task ResolveAsync(ResolveRequest request)
    {
        IReadOnlyList<NetEndpoint>? addresses = null;
        try
        {
            IPAddress[] found = await Dns.GetHostAddressesAsync(request.Name).ConfigureAwait(false);
            addresses = found.Select(a => SocketEndpoints.FromIPEndPoint(new IPEndPoint(a, request.Port))).ToList();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            _log($"DNS lookup of {request.Name}: {e.Message}");
        }

        _resolved.Enqueue((request.UpstreamIndex, addresses));
    }
}
