using Meridian.Core.Leap;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// How the synchronizer's correction reaches the served time.
/// Software (default): the kernel clock is left alone and the served clock adds the correction.
/// Either way the correction to serve is published with the server state (<see cref="Meridian.Core.Serving.ServerStateCell"/>).
/// Kernel (opt-in, needs CAP_SYS_TIME): the correction is carried out on the kernel clock through
/// adjtimex — steps, and its rate (frequency plus any slew in progress) split between the tick length
/// and the frequency field (<see cref="KernelRate"/>), so a slew is as fast as in software mode — and
/// the served clock is the system clock. The synchronizer keeps seeing the clock as if uncorrected
/// (system time minus what the kernel has been told to add), so its model is the same in both modes.
/// </summary>
public sealed class ClockMode
{
    private readonly IKernelClock? _kernel;
    private readonly KernelLeapControl _leap = new();
    private KernelTrajectory _applied = KernelTrajectory.None;

    internal ClockMode(IKernelClock? kernel)
    {
        _kernel = kernel;
    }

    public static ClockMode Software { get; } = new(kernel: null);

    public bool IsKernel => _kernel is not null;

    /// <summary>Kernel mode when permitted (and the kernel's tick is USER_HZ 100's); otherwise null and the reason.</summary>
    public static ClockMode? TryKernel(out string reason)
    {
        if (!Adjtimex.MaySetClock(out reason))
        {
            return null;
        }

        if (Adjtimex.ReadTick() is not long tick || Math.Abs(tick - KernelRate.NominalTick) > KernelRate.MaxTickBias)
        {
            reason = $"the kernel's tick length is not USER_HZ 100's {KernelRate.NominalTick} µs ± 10 %";
            return null;
        }

        return new ClockMode(new AdjtimexKernelClock());
    }

    /// <summary>The local clocks as the synchronizer must see them.</summary>
    public LocalTime ReadLocal()
    {
        if (_kernel is null)
        {
            return RealtimeClock.ReadLocal();
        }

        LocalTime now = _kernel.ReadLocal();
        return now with { System = ClockCorrection.Add(now.System, -Volatile.Read(ref _applied).OffsetAt(now.Monotonic)) };
    }

    /// <summary>
    /// Carries a new correction out; called by the sync thread only (at every step, and when a slew
    /// ends). Returns the correction the serving threads add to the system clock, for the sync thread
    /// to publish with the server state: the correction itself in software mode, none in kernel mode
    /// (the kernel clock is the served clock).
    /// </summary>
    public ClockCorrection Apply(ClockCorrection correction, MonotonicTime now)
    {
        if (_kernel is null)
        {
            return correction;
        }

        KernelAdjustment adjustment = KernelRate.Plan(_applied, correction, now);
        if (adjustment.Steps)
        {
            _kernel.Step(adjustment.StepSeconds);
        }

        _kernel.SetTickAndFrequency(adjustment.Tick, adjustment.Frequency);
        Volatile.Write(ref _applied, adjustment.Applied);
        return ClockCorrection.None;
    }

    /// <summary>
    /// Kernel mode: arms the kernel for the leap the synchronizer wants (STA_INS/STA_DEL on the leap's day),
    /// and once it is due, verifies the kernel leapt — stepping the clock by the leap if it did not — and
    /// clears the bit (<see cref="KernelLeapControl"/>). Software mode: nothing (the served clock carries the
    /// leap). Called by the sync thread at every step; returns what was done.
    /// </summary>
    public KernelLeapAction ApplyLeap(LeapEvent? wanted)
    {
        if (_kernel is null)
        {
            return KernelLeapAction.None;
        }

        KernelLeapAction action = _leap.Plan(wanted, _kernel.ReadLeap(), _kernel.ReadLocal().System);
        if (action.SetStatus is LeapIndicator status)
        {
            _kernel.SetLeap(status);
        }

        if (action.StepSeconds != 0)
        {
            _kernel.Step(action.StepSeconds);
        }

        return action;
    }
}
