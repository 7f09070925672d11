using Meridian.Core.Sync;

namespace Meridian.Net;

/// <summary>
/// How the synchronizer's correction reaches the served time.
/// Software (default): the kernel clock is left alone and the served clock adds the correction.
/// Kernel (opt-in, needs CAP_SYS_TIME): the correction is applied to the kernel clock through
/// adjtimex — its frequency plus any slew in progress, and steps — so the system clock itself is
/// disciplined and the served clock is the system clock. The synchronizer keeps seeing the clock as
/// if uncorrected (system time minus the correction), so its model stays the same in both modes.
/// </summary>
public sealed class ClockMode
{
    private readonly bool _kernel;
    private ClockCorrection _applied = ClockCorrection.None;

    private ClockMode(bool kernel)
    {
        _kernel = kernel;
    }

    public static ClockMode Software { get; } = new(kernel: false);

    public bool IsKernel => _kernel;

    /// <summary>Kernel mode when permitted; otherwise null and the reason.</summary>
    public static ClockMode? TryKernel(out string reason) =>
        Adjtimex.MaySetClock(out reason) ? new ClockMode(kernel: true) : null;

    /// <summary>The local clocks as the synchronizer must see them.</summary>
    public LocalTime ReadLocal()
    {
        LocalTime now = RealtimeClock.ReadLocal();
        return _kernel ? now with { System = ClockCorrection.Add(now.System, -Volatile.Read(ref _applied).OffsetAt(now.Monotonic)) } : now;
    }

    /// <summary>Carries a new correction out; called by the sync thread only.</summary>
    public void Apply(ClockCorrection correction, ServedClock served, MonotonicTime now)
    {
        if (!_kernel)
        {
            served.Publish(correction);
            return;
        }

        ClockCorrection previous = _applied;
        if (correction.Epoch != previous.Epoch)
        {
            Adjtimex.Step(correction.OffsetAt(now) - previous.OffsetAt(now));
        }

        Adjtimex.SetFrequency(KernelRate.ToAdjtimexFrequency(KernelRate.At(correction, now)));
        Volatile.Write(ref _applied, correction);
    }
}
