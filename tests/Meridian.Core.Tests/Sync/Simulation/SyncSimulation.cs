using Meridian.Core.Sync;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// Drives the real <see cref="Synchronizer"/> in virtual time: every timer, request, reply and DNS
/// answer is an event on one queue, so hours of simulated time take seconds and every run with the
/// same seed is identical.
/// </summary>
internal sealed class SyncSimulation
{
    private const double ServerProcessing = 20e-6;

    private readonly SimScenario _scenario;
    private readonly SimRandom _random;
    private readonly PriorityQueue<Action, double> _queue = new();
    private readonly List<SimSample> _samples = [];
    private readonly List<string> _events = [];
    private readonly List<double> _requestTimes = [];
    private readonly List<SyncEvent> _syncEvents = [];
    private readonly SimKernelClock? _kernel;
    private KernelTrajectory _applied = KernelTrajectory.None;
    private long _timerGeneration;

    public SyncSimulation(SimScenario scenario)
    {
        _scenario = scenario;
        _random = new SimRandom(scenario.Seed);
        Oscillator = new SimOscillator(scenario.FrequencyError, scenario.WanderPerSqrtSecond, scenario.InitialOffset, _random, scenario.SineAmplitude, scenario.SinePeriodSeconds);
        var upstreams = scenario.Upstreams.Select((u, i) => new UpstreamSpec(u.Name, 123, false, 1, scenario.SourceOptions)).ToList();
        _kernel = scenario.KernelMode ? new SimKernelClock(Oscillator) : null;
        Synchronizer = new Synchronizer(new SynchronizerOptions(upstreams, scenario.Discipline, InitialFrequency: scenario.InitialFrequency), _random);
    }

    public SimOscillator Oscillator { get; }

    public IReadOnlyList<SimUpstream> Upstreams => _scenario.Upstreams;

    public Synchronizer Synchronizer { get; }

    public double Now { get; private set; }

    public SimulationResult Run()
    {
        Apply(Synchronizer.HandleTimer(Local()));
        Schedule(0, Sample);
        foreach (var (at, act) in _scenario.Events)
        {
            Schedule(at, () => act(this));
        }

        double end = _scenario.Hours * 3600;
        while (_queue.TryDequeue(out Action? action, out double time) && time <= end)
        {
            Now = time;
            Oscillator.AdvanceTo(time);
            action();
        }

        return new SimulationResult(_scenario, _samples, _events, Synchronizer, _requestTimes) { SyncEvents = _syncEvents };
    }

    public void Log(string message) => _events.Add($"{Now,10:0.0}s {message}");

    public SimKernelClock? Kernel => _kernel;

    /// <summary>The local clocks as the synchronizer sees them: in kernel mode, as the edge's ClockMode shows them (uncorrected).</summary>
    private LocalTime Local()
    {
        if (_kernel is null)
        {
            return Oscillator.Read(_scenario.Epoch);
        }

        LocalTime now = _kernel.Read(_scenario.Epoch);
        return now with { System = ClockCorrection.Add(now.System, -_applied.OffsetAt(now.Monotonic)) };
    }

    /// <summary>The served clock minus true time (the upstreams' time after a <see cref="SimScenario.ReferenceStep"/>).</summary>
    private double ServedError(LocalTime local) =>
        (_kernel is null ? Synchronizer.Correction.Serve(local) : _kernel.Read(_scenario.Epoch).System).SecondsSince(ClockCorrection.Add(_scenario.Epoch, Now))
        - (_scenario.ReferenceStep is { } step && Now >= step.At ? step.Seconds : 0);

    /// <summary>What ClockMode.Apply does in kernel mode, on the simulated kernel clock.</summary>
    private void ApplyToKernel(ClockCorrection correction)
    {
        KernelAdjustment adjustment = KernelRate.Plan(_applied, correction, _kernel!.Read(_scenario.Epoch).Monotonic);
        if (adjustment.Steps)
        {
            _kernel.Step(adjustment.StepSeconds);
        }

        _kernel.SetTickAndFrequency(adjustment.Tick, adjustment.Frequency);
        _applied = adjustment.Applied;
    }

    private void Schedule(double at, Action action) => _queue.Enqueue(action, Math.Max(at, Now));

    private void Apply(SyncStep step)
    {
        if (_kernel is not null)
        {
            ApplyToKernel(step.Correction);
        }

        step.Events.ToList().ForEach(e => Log(e.Text));
        _syncEvents.AddRange(step.Events);
        foreach (ResolveRequest resolve in step.Resolves)
        {
            int index = resolve.UpstreamIndex;
            Schedule(Now + 0.01, () => Apply(Synchronizer.HandleResolved(index, [AddressOf(index)], Local())));
        }

        foreach (OutgoingRequest request in step.Requests)
        {
            Send(request);
        }

        long generation = ++_timerGeneration;
        Schedule(_kernel?.TrueTimeAt(step.NextDeadline) ?? Oscillator.TrueTimeAt(step.NextDeadline), () =>
        {
            if (generation == _timerGeneration)
            {
                Apply(Synchronizer.HandleTimer(Local()));
            }
        });
    }

    private void Send(OutgoingRequest request)
    {
        SimUpstream upstream = _scenario.Upstreams[(int)(request.Destination.IPv4Address & 0xFF)];
        _requestTimes.Add(Now);
        if (upstream.Link.Outbound(_random) is not double outbound)
        {
            return;
        }

        Schedule(Now + outbound, () =>
        {
            byte[]? reply = upstream.Answer(request.Packet, Now, ServerProcessing, _scenario.Epoch);
            if (reply is not null && upstream.Link.Return(_random) is double back)
            {
                Schedule(Now + ServerProcessing + back, () => Apply(Synchronizer.HandleResponse(request.SourceId, reply, Local())));
            }
        });
    }

    private void Sample()
    {
        LocalTime local = Local();
        Meridian.Core.Serving.ServerState state = Synchronizer.ServedState(local);
        double error = ServedError(local);
        _samples.Add(new SimSample(Now, error, state.Leap, state.Stratum, state.RootDispersion.ToSeconds(), Synchronizer.Sources.FirstOrDefault(s => s.Tally == Tally.SystemPeer)?.Name, state.RootDelay.ToSeconds()));
        Schedule(Now + _scenario.SampleEverySeconds, Sample);
    }

    private static NetEndpoint AddressOf(int index) => NetEndpoint.FromIPv4(0x0A000100u | (uint)index, 123);
}
