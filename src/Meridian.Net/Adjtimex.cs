using System.Runtime.InteropServices;
using Meridian.Core.Leap;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>Linux <c>adjtimex(2)</c> on x86-64/arm64: read the kernel clock state, set its tick and frequency, step it.</summary>
internal static partial class Adjtimex
{
    private const uint AdjFrequency = 0x0002;
    private const uint AdjStatus = 0x0010;
    private const uint AdjSetOffset = 0x0100;
    private const int StaInsert = 0x0010;
    private const int StaDelete = 0x0020;
    private const uint AdjNano = 0x2000;
    private const uint AdjTick = 0x4000;
    private const int EPerm = 1;

    /// <summary>Writes the current frequency back unchanged: succeeds only with CAP_SYS_TIME.</summary>
    public static bool MaySetClock(out string reason)
    {
        var timex = default(Timex);
        if (Call(ref timex) < 0)
        {
            reason = $"adjtimex failed (errno {Marshal.GetLastPInvokeError()})";
            return false;
        }

        timex.Modes = AdjFrequency;
        if (Call(ref timex) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            reason = errno == EPerm ? "setting the clock needs CAP_SYS_TIME" : $"adjtimex failed (errno {errno})";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>The tick length (microseconds per USER_HZ tick) and the frequency (ppm scaled by 2^16), together.</summary>
    public static bool SetTickAndFrequency(long tick, long scaledPpm)
    {
        var timex = new Timex { Modes = AdjTick | AdjFrequency, Tick = tick, Freq = scaledPpm };
        return Call(ref timex) >= 0;
    }

    /// <summary>The kernel's tick length now (a read-only call), or null if adjtimex fails.</summary>
    public static long? ReadTick()
    {
        var timex = default(Timex);
        return Call(ref timex) < 0 ? null : timex.Tick;
    }

    /// <summary>The leap bit in the status (STA_INS, STA_DEL or none) and the kernel's leap state (adjtimex's return value); read-only.</summary>
    public static KernelLeapState ReadLeap()
    {
        var timex = default(Timex);
        int state = Call(ref timex);
        LeapIndicator armed = (timex.Status & StaInsert) != 0 ? LeapIndicator.LastMinuteHas61Seconds
            : (timex.Status & StaDelete) != 0 ? LeapIndicator.LastMinuteHas59Seconds
            : LeapIndicator.NoWarning;
        return new KernelLeapState(armed, state < 0 ? KernelTimeState.Error : (KernelTimeState)state);
    }

    /// <summary>Sets STA_INS or STA_DEL, or clears both (ADJ_STATUS), keeping the other status bits.</summary>
    public static bool SetLeap(LeapIndicator status)
    {
        var timex = default(Timex);
        if (Call(ref timex) < 0)
        {
            return false;
        }

        int bit = status switch
        {
            LeapIndicator.LastMinuteHas61Seconds => StaInsert,
            LeapIndicator.LastMinuteHas59Seconds => StaDelete,
            _ => 0,
        };
        timex = new Timex { Modes = AdjStatus, Status = (timex.Status & ~(StaInsert | StaDelete)) | bit };
        return Call(ref timex) >= 0;
    }

    /// <summary>Steps the clock by <paramref name="seconds"/> (ADJ_SETOFFSET with nanoseconds).</summary>
    public static bool Step(double seconds)
    {
        long nanoseconds = (long)Math.Round(seconds * 1e9);
        long whole = Math.DivRem(nanoseconds, 1_000_000_000, out long fraction);
        if (fraction < 0)
        {
            whole--;
            fraction += 1_000_000_000;
        }

        var timex = new Timex { Modes = AdjSetOffset | AdjNano, TimeSeconds = whole, TimeFraction = fraction };
        return Call(ref timex) >= 0;
    }

    private static int Call(ref Timex timex) => NativeAdjtimex(ref timex);

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int NativeAdjtimex(ref Timex timex);

    /// <summary>struct timex (64-bit Linux).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timex
    {
        public uint Modes;
        public long Offset;
        public long Freq;
        public long MaxError;
        public long EstError;
        public int Status;
        public long Constant;
        public long Precision;
        public long Tolerance;
        public long TimeSeconds;
        public long TimeFraction;
        public long Tick;
        public long PpsFreq;
        public long Jitter;
        public int Shift;
        public long Stabil;
        public long JitCnt;
        public long CalCnt;
        public long ErrCnt;
        public long StbCnt;
        public int Tai;
        private Padding _padding;
    }

    [System.Runtime.CompilerServices.InlineArray(11)]
    private struct Padding
    {
        private int _element;
    }
}
