using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>What the kernel says about leaps: the bit set in its status (STA_INS, STA_DEL or none) and its state.</summary>
public readonly record struct KernelLeapState(LeapIndicator Armed, KernelTimeState State);
