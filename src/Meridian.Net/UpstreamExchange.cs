using System.Net;
using System.Net.Sockets;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// Requests to upstream servers, each from a fresh socket so the kernel gives it a random source
/// port, connected so only the server's own address is heard. A request waits for one reply until
/// it expires; its receive time is the kernel's timestamp of the reply where there is one (Linux),
/// otherwise the moment the socket is seen readable.
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

    /// <summary>Waits up to <paramref name="timeout"/> for replies; returns those that arrived.</summary>
    public List<(int SourceId, byte[] Packet, LocalTime ReceivedAt)> Receive(TimeSpan timeout)
    {
        var replies = new List<(int, byte[], LocalTime)>();
        Expire(readLocal().Monotonic);
        if (_pending.Count == 0)
        {
            return replies;
        }

        var readable = _pending.Select(p => p.Socket).ToList();
        Socket.Select(readable, null, null, (int)Math.Max(1, timeout.TotalMicroseconds));
        LocalTime readableAt = readLocal();
        foreach (Pending pending in _pending.Where(p => readable.Contains(p.Socket)).ToList())
        {
            _pending.Remove(pending);
            using Socket socket = pending.Socket;
            int length = KernelReceiveTime.Receive(socket, _buffer, out NtpTimestamp? arrival, out _);
            if (length >= 0)
            {
                // (Negative: an ICMP error such as port unreachable; the request simply goes unanswered.)
                replies.Add((pending.SourceId, _buffer[..length], arrival is NtpTimestamp kernel ? KernelReceiveTime.At(kernel, readLocal()) : readableAt));
            }
        }

        return replies;
    }

    public void Dispose() => _pending.ForEach(p => p.Socket.Dispose());

    private void Expire(MonotonicTime now)
    {
        foreach (Pending pending in _pending.Where(p => p.Expires <= now).ToList())
        {
            _pending.Remove(pending);
            pending.Socket.Dispose();
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
