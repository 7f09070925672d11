using System.Diagnostics;
using System.Runtime.InteropServices;
using Meridian.Core.Serving;

namespace Meridian.Net;

/// <summary>
/// Keeps a serving socket's receive buffer at <see cref="ReceiveBufferSizing.Bytes"/> for the request
/// age bound and the rate its loop measures (<see cref="ServiceRate"/>): checked at most once a second,
/// changed (SO_RCVBUF, from the loop's own thread) only when more than 25 % off. Nothing allocated.
/// </summary>
internal sealed unsafe partial class ReceiveBufferTuner(int fd, RequestAge bound, int initialBytes)
{
    private const int SoRcvBuf = 8;

    private readonly ServiceRate _rate = new();
    private long _lastCheck = Stopwatch.GetTimestamp();

    /// <summary>The SO_RCVBUF value last set.</summary>
    public int Bytes { get; private set; } = initialBytes;

    /// <summary>The loop handled <paramref name="datagrams"/> in a batch that took <paramref name="busySeconds"/> from receive to the last send.</summary>
    public void AfterBatch(int datagrams, double busySeconds)
    {
        _rate.Add(datagrams, busySeconds);
        if (Stopwatch.GetElapsedTime(_lastCheck).TotalSeconds < 1 || _rate.PerSecond is not double rate)
        {
            return;
        }

        _lastCheck = Stopwatch.GetTimestamp();
        int wanted = ReceiveBufferSizing.Bytes(rate, bound);
        if (ReceiveBufferSizing.WorthChanging(Bytes, wanted) && SetSockOpt(fd, LinuxBatch.SolSocket, SoRcvBuf, &wanted, sizeof(int)) == 0)
        {
            Bytes = wanted;
        }
    }

    [LibraryImport("libc", EntryPoint = "setsockopt")]
    private static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);
}
