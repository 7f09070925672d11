using System.Net;
using System.Net.Sockets;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// Requests to upstream servers, each from a fresh socket so the kernel gives it a random source
/// port, connected so only the server's own address is heard. A request waits for one reply until
/// it expires; its receive time is the kernel's timestamp of the reply where there is one (Linux),
/// otherwise the moment the socket is seen readable. An ICMP error the kernel queues on the socket
/// (port, host or network unreachable) ends the request at once as a failure of its source: the
/// error is read, so it never wakes the wait again.
/// </summary>
internal sealed class UpstreamExchange(Func<LocalTime> readLocal) : IDisposable
{
    private const double ExpirySeconds = 8;

    private readonly List<Pending> _pending = [];
    private readonly byte[] _buffer = new byte[2048];

    public bool HasPending => _pending.Count > 0;

    public bool TrySend(OutgoingRequest request, MonotonicTime now, out string? error)
    {
        var destination = new IPEndPoint(new IPAddress(AddressBytes(request)), request.Destination.Port);
        var socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            KernelReceiveTime.Enable(socket);
            socket.Connect(destination);
            socket.Send(request.Packet);
            _pending.Add(new Pending(socket, request.SourceId, now.AddSeconds(ExpirySeconds)));
            error = null;
            return true;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = $"cannot send to {destination}: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for replies; returns those that arrived and the requests
    /// that failed (an ICMP error), each once.
    /// </summary>
    public List<UpstreamAnswer> Receive(TimeSpan timeout)
    {
        var answers = new List<UpstreamAnswer>();
        Expire(readLocal().Monotonic);
        if (_pending.Count == 0)
        {
            return answers;
        }

        Span<bool> ready = stackalloc bool[_pending.Count];
        WaitReadable(ready, timeout);
        LocalTime readableAt = readLocal();
        for (int i = ready.Length - 1; i >= 0; i--)
        {
            if (ready[i] && TryRead(_pending[i], readableAt) is UpstreamAnswer answer)
            {
                answers.Add(answer);
                _pending[i].Socket.Dispose();
                _pending.RemoveAt(i);
            }
        }

        return answers;
    }

    public void Dispose() => _pending.ForEach(p => p.Socket.Dispose());

    /// <summary>The reply or the failure waiting on a socket seen ready; null when nothing was (a spurious wake-up).</summary>
    private UpstreamAnswer? TryRead(Pending pending, LocalTime readableAt)
    {
        int length = KernelReceiveTime.Receive(pending.Socket, _buffer, out NtpTimestamp? arrival, out SocketError error);
        if (length >= 0)
        {
            LocalTime at = arrival is NtpTimestamp kernel ? KernelReceiveTime.At(kernel, readLocal()) : readableAt;
            return new UpstreamAnswer(pending.SourceId, _buffer[..length], at, null);
        }

        return error == SocketError.TimedOut ? null : new UpstreamAnswer(pending.SourceId, null, readableAt, Describe(error));
    }

    /// <summary>
    /// Marks the pending sockets with a datagram or a queued error. poll(2) directly on Linux: its
    /// POLLERR is what an ICMP error raises, and Socket.Select does not count it as readable.
    /// </summary>
    private unsafe void WaitReadable(Span<bool> ready, TimeSpan timeout)
    {
        int milliseconds = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
        if (!LinuxBatch.IsSupported)
        {
            var readable = _pending.Select(p => p.Socket).ToList();
            var failed = _pending.Select(p => p.Socket).ToList();
            Socket.Select(readable, null, failed, Math.Max(1, milliseconds * 1000));
            for (int i = 0; i < ready.Length; i++)
            {
                ready[i] = readable.Contains(_pending[i].Socket) || failed.Contains(_pending[i].Socket);
            }

            return;
        }

        LinuxBatch.PollFd* polls = stackalloc LinuxBatch.PollFd[ready.Length];
        for (int i = 0; i < ready.Length; i++)
        {
            polls[i] = new LinuxBatch.PollFd { Fd = (int)_pending[i].Socket.SafeHandle.DangerousGetHandle(), Events = LinuxBatch.PollIn };
        }

        if (LinuxBatch.Poll(polls, (nuint)ready.Length, milliseconds) > 0)
        {
            for (int i = 0; i < ready.Length; i++)
            {
                ready[i] = polls[i].ReturnedEvents != 0;
            }
        }
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "port unreachable (nothing listens there)",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NetworkUnreachable => "network unreachable",
        _ => $"receive failed ({error})",
    };

    private void Expire(MonotonicTime now)
    {
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].Expires <= now)
            {
                _pending[i].Socket.Dispose();
                _pending.RemoveAt(i);
            }
        }
    }

    private static byte[] AddressBytes(OutgoingRequest request)
    {
        Span<byte> address = stackalloc byte[16];
        int length = request.Destination.WriteAddress(address);
        return address[..length].ToArray();
    }

    private sealed record Pending(Socket Socket, int SourceId, MonotonicTime Expires);
}
