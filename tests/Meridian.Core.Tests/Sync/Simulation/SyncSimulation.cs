using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;
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
    private static readonly ServingPath ClientPath = new(new RequestClassifier([]), new ServingCounters());
    private readonly KernelLeapControl _leapControl = new();
    private KernelTrajectory _applied = KernelTrajectory.None;
    private long _timerGeneration;

    public SyncSimulation(SimScenario scenario)
    {
        _scenario = scenario;
        _random = new SimRandom(scenario.Seed);
        Oscillator = new SimOscillator(scenario.FrequencyError, scenario.WanderPerSqrtSecond, scenario.InitialOffset, _random, scenario.SineAmplitude, scenario.SinePeriodSeconds);
        var upstreams = scenario.Upstreams.Select((u, i) => new UpstreamSpec(u.Name, 123, false, 1, scenario.SourceOptions)).ToList();
        _kernel = scenario.KernelMode ? new SimKernelClock(Oscillator) : null;
        Synchronizer = new Synchronizer(new SynchronizerOptions(upstreams, scenario.Discipline, InitialFrequency: scenario.InitialFrequency) { KernelLeaps = scenario.KernelMode, LeapSmear = scenario.LeapSmear }, _random);
    }

    public SimOscillator Oscillator { get; }

    public IReadOnlyList<SimUpstream> Upstreams => _scenario.Upstreams;

    public Synchronizer Synchronizer { get; }

    public double Now { get; private set; }

    /// <summary>What the kernel edge did with the leap bits (kernel mode), in order.</summary>
    public List<KernelLeapOutcome> KernelLeapOutcomes { get; } = [];

    public SimulationResult Run()
    {
        if (_scenario.LeapFile is LeapFile file)
        {
            Apply(Synchronizer.HandleLeapFile(file, "fixture", Local()));
        }

        Apply(Synchronizer.HandleTimer(Local()));
        Schedule(_scenario.FirstSampleAt, Sample);
        if (_scenario.DenseSampling is var (from, to, every))
        {
            for (double t = from; t <= to; t += every)
            {
                Schedule(t, () => _samples.Add(Measure(Local())));
            }
        }

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

        _samples.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new SimulationResult(_scenario, _samples, _events, Synchronizer, _requestTimes) { SyncEvents = _syncEvents, KernelLeapOutcomes = KernelLeapOutcomes };
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
    private double ServedError(LocalTime local) => ErrorOf(Served(local));

    /// <summary>The served clock now: the corrected system clock (software), or the kernel clock (kernel mode).</summary>
    private NtpTimestamp Served(LocalTime local) => _kernel is null ? Synchronizer.ServedCorrection.Serve(local) : _kernel.Read(_scenario.Epoch).System;

    /// <summary>A timestamp minus true UTC now (across the scenario's true leap).</summary>
    private double ErrorOf(NtpTimestamp served) =>
        served.SecondsSince(SimUtc.Apply(_scenario.TrueLeap, ClockCorrection.Add(_scenario.Epoch, Now)))
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

    /// <summary>What ClockMode.ApplyLeap does in kernel mode, on the simulated kernel clock.</summary>
    private void ApplyLeapToKernel(LeapEvent? wanted)
    {
        KernelLeapAction action = _leapControl.Plan(wanted, _kernel!.ReadLeap(_scenario.Epoch), _kernel.Read(_scenario.Epoch).System);
        if (action.SetStatus is LeapIndicator status)
        {
            _kernel.SetLeap(status, _scenario.Epoch);
        }

        if (action.StepSeconds != 0)
        {
            _kernel.Step(action.StepSeconds);
        }

        if (action.Outcome != KernelLeapOutcome.Unchanged)
        {
            KernelLeapOutcomes.Add(action.Outcome);
            Log($"kernel leap: {action.Outcome}");
        }
    }

    private void Schedule(double at, Action action) => _queue.Enqueue(action, Math.Max(at, Now));

    private void Apply(SyncStep step)
    {
        if (_kernel is not null)
        {
            ApplyToKernel(step.Correction);
            ApplyLeapToKernel(step.KernelLeap);
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
        _samples.Add(Measure(Local()));
        Schedule(Now + _scenario.SampleEverySeconds, Sample);
    }

    /// <summary>The served state and error, and what a client asking now gets from the real serving path.</summary>
    private SimSample Measure(LocalTime local)
    {
        ServerState state = Synchronizer.ServedState(local);
        double error = ServedError(local);
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        byte[] reply = new byte[NtpHeader.Size];
        var client = NetEndpoint.FromIPv4(0x0A000002, 40000);
        int length = ClientPath.Handle(request, reply, client, client with { Port = 123 }, Served(local), default, state);
        Responder.StampTransmit(reply.AsSpan(0, length), Served(local));
        return new SimSample(Now, error, state.Leap, state.Stratum, state.RootDispersion.ToSeconds(), Synchronizer.Sources.FirstOrDefault(s => s.Tally == Tally.SystemPeer)?.Name, state.RootDelay.ToSeconds())
        {
            ClientLeap = (LeapIndicator)(reply[0] >> 6),
            ClientError = ErrorOf(NtpTimestamp.Read(reply.AsSpan(NtpHeader.TransmitTimestampOffset))),
            ReferenceId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(NtpHeader.ReferenceIdOffset)),
        };
    }

    private static NetEndpoint AddressOf(int index) => NetEndpoint.FromIPv4(0x0A000100u | (uint)index, 123);
}
