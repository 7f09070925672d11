namespace Meridian.Core.Sync;

/// <summary>
/// One <c>adjtimex</c> adjustment: a step (<see cref="StepSeconds"/>, when <see cref="Steps"/>), then
/// the tick length in microseconds (ADJ_TICK) and the frequency in ppm scaled by 2^16
/// (ADJ_FREQUENCY); and the trajectory the kernel clock follows once they are set.
/// </summary>
public readonly record struct KernelAdjustment(bool Steps, double StepSeconds, long Tick, long Frequency, KernelTrajectory Applied);
