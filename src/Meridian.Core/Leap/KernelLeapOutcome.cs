namespace Meridian.Core.Leap;

/// <summary>What <see cref="KernelLeapControl"/> did with the kernel's leap bits.</summary>
public enum KernelLeapOutcome
{
    Unchanged,

    /// <summary>STA_INS or STA_DEL set: the kernel will leap at the next UTC midnight.</summary>
    Armed,

    /// <summary>After the leap the kernel reported it had leapt; the bit is cleared.</summary>
    Verified,

    /// <summary>After the leap the kernel had not leapt: the clock is stepped by the leap instead, and the bit cleared.</summary>
    Missed,

    /// <summary>The leap was withdrawn before it happened, or a bit nobody asked for was set: cleared.</summary>
    Disarmed,
}
