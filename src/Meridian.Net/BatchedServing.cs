using System.Net.Sockets;
using System.Runtime.InteropServices;
using Meridian.Core;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// The Linux serving loop: recvmmsg takes up to 32 datagrams per call, each with its kernel receive
/// timestamp (SO_TIMESTAMPNS) — the moment it reached the socket, before any queueing in user space —
/// and its destination address and arrival interface (IP_PKTINFO / IPV6_PKTINFO), so P6 holds on
/// wildcard sockets too: requests to broadcast or multicast addresses, the server's own address
/// with source port 123, and loopback sources arriving on another interface are dropped. Each reply
/// is sent by itself, its transmit timestamp read immediately before its own send; the kernel's
/// transmit timestamps are read back after each batch (<see cref="KernelTransmitTimes"/>) to measure
/// T3's error and to answer interleaved requests (<see cref="InterleavedReplies"/>, one table per
/// loop). Nothing is allocated per datagram.
/// </summary>
internal static unsafe class BatchedServing
{
    /// <summary>
    /// Asks the kernel for receive timestamps and destination information. Called before the socket
    /// is bound: the kernel records them when a datagram arrives, so a datagram queued before the
    /// options were set would come without them (or with an interface index of 0).
    /// </summary>
    public static void Configure(Socket socket)
    {
        KernelTransmitTimes.Enable(socket);
        bool ipv6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        socket.SetRawSocketOption(
            ipv6 ? LinuxBatch.IpProtoIpv6 : LinuxBatch.IpProtoIp,
            ipv6 ? LinuxBatch.Ipv6RecvPktInfo : LinuxBatch.IpPktInfo,
            BitConverter.GetBytes(1));
    }

    public static void Run(Socket socket, ServingPath path, ServerStateCell served, NetEndpoint local, Func<bool> stopping, Action<long> afterBatch)
    {
        bool ipv6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        int loopbackIndex = ipv6 ? System.Net.NetworkInformation.NetworkInterface.IPv6LoopbackInterfaceIndex : System.Net.NetworkInformation.NetworkInterface.LoopbackInterfaceIndex;
        int fd = (int)socket.SafeHandle.DangerousGetHandle();
        using var buffers = new BatchBuffers();
        using var transmitTimes = new KernelTransmitTimes();
        var interleaved = new InterleavedReplies();
        var receiveBuffer = new ReceiveBufferTuner(fd, path.MaxAge, socket.ReceiveBufferSize / 2);
        var limiterClock = MonotonicTime.Zero;
        int unread = 0;
        while (!stopping())
        {
            buffers.PrepareReceive();
            int received = LinuxBatch.RecvMmsg(fd, buffers.ReceiveHeaders, BatchBuffers.Slots, LinuxBatch.MsgWaitForOne, null);

            // After the receive: a datagram sent after a reload returned is decided by the new policy.
            path.BeginBatch();
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (received > 0)
            {
                // One snapshot per batch: every reply of the batch has the state and the correction published together.
                ServedSnapshot snapshot = served.Current;
                int replies = Serve(buffers, received, path, snapshot, local, loopbackIndex, interleaved, ref limiterClock);
                unread += Send(fd, buffers, replies, path, snapshot, backlogged: received == BatchBuffers.Slots);
            }

            // The transmit timestamps of the replies just sent (and of any that came late): read while they are fresh.
            if (unread > 0)
            {
                int read = transmitTimes.Drain(fd, served.Current, interleaved, path.Counters.TransmitErrors);
                unread = read == 0 && received <= 0 ? 0 : Math.Max(0, unread - read);
            }

            if (received > 0)
            {
                receiveBuffer.AfterBatch(received, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            afterBatch(GC.GetAllocatedBytesForCurrentThread());
        }
    }

    /// <param name="limiterClock">
    /// The latest arrival time handed to the limiter. An arrival is mapped from its kernel (realtime)
    /// timestamp through the clock pair read once per batch; a thread preempted between the two
    /// reads shifts a whole batch earlier by the preemption, which could put it before the previous
    /// batch. The limiter's clock must be monotonic (P7), so an arrival never goes before this one,
    /// nor after the batch's own reading.
    /// </param>
    private static int Serve(BatchBuffers buffers, int received, ServingPath path, ServedSnapshot snapshot, NetEndpoint local, int loopbackIndex, InterleavedReplies interleaved, ref MonotonicTime limiterClock)
    {
        LocalTime now = RealtimeClock.ReadLocal();
        int replies = 0;
        for (int i = 0; i < received; i++)
        {
            LinuxBatch.MMsgHdr* message = buffers.ReceiveHeaders + i;
            if (!TryReadSource(buffers.Names + i * BatchBuffers.NameSize, out NetEndpoint source))
            {
                path.CountReceivedAndDropped(DropReason.SourceAddressInvalid, (int)message->Length);
                continue;
            }

            if ((message->Header.Flags & LinuxBatch.MsgTrunc) != 0)
            {
                path.CountReceivedAndDropped(DropReason.LengthTooLong, (int)message->Length);
                continue;
            }

            var kernel = ControlMessages.Read(&message->Header, local.Port);
            LocalTime arrival = kernel.Arrival is NtpTimestamp stamp ? KernelReceiveTime.At(stamp, now, now.System) : now;
            if (path.DropIfStale(arrival.Monotonic, now.Monotonic, (int)message->Length, backlogged: received == BatchBuffers.Slots))
            {
                continue;
            }

            bool offLoopback = kernel.InterfaceIndex is int index && index != loopbackIndex;
            var request = new ReadOnlySpan<byte>(buffers.Receive + i * BatchBuffers.BufferSize, (int)message->Length);
            var transmit = new Span<byte>(buffers.Transmit + i * BatchBuffers.BufferSize, BatchBuffers.BufferSize);
            limiterClock = MonotonicTime.Min(now.Monotonic, arrival.Monotonic > limiterClock ? arrival.Monotonic : limiterClock);
            int length = path.Handle(request, transmit, source, kernel.Destination ?? local, snapshot.Serve(arrival), limiterClock, snapshot.State, offLoopback);
            if (!path.MaySend(length, request.Length))
            {
                continue;
            }

            bool final = interleaved.Answer(request, transmit[..length], source, out bool awaitsTransmit);
            buffers.Interleaved[i] = final ? (byte)1 : (byte)0;
            buffers.StampTransmit[i] = awaitsTransmit || ++buffers.Sent % KernelTransmitTimes.SampleEvery == 0 ? (byte)1 : (byte)0;
            if (final)
            {
                path.Counters.CountInterleaved();
            }

            buffers.TransmitIov[i].Length = (nuint)length;
            buffers.TransmitHeaders[replies++] = new LinuxBatch.MMsgHdr
            {
                Header = new LinuxBatch.MsgHdr
                {
                    Name = message->Header.Name,
                    NameLength = message->Header.NameLength,
                    Iov = buffers.TransmitIov + i,
                    IovLength = 1,
                },
            };
        }

        return replies;
    }

    /// <summary>
    /// Sends the replies one by one, each stamped immediately before its own send: a reply's T3 is
    /// never read before the replies ahead of it left (one stamp per sendmmsg of 32 made later
    /// replies 30–40 µs early on average; docs/decisions/0007). A reply the kernel refuses (an ICMP
    /// error queued on the socket, for example) is counted and the rest still go.
    /// </summary>
    /// <returns>How many of the replies asked for a kernel transmit timestamp.</returns>
    /// <param name="backlogged">The batch was full (more may be queued): a reply that would leave later than the stale bound is dropped (<see cref="ServingPath.StampAndSeal"/>).</param>
    private static int Send(int fd, BatchBuffers buffers, int replies, ServingPath path, ServedSnapshot snapshot, bool backlogged)
    {
        int stamped = 0;
        for (int r = 0; r < replies; r++)
        {
            LinuxBatch.MMsgHdr* message = buffers.TransmitHeaders + r;
            LinuxBatch.IoVec* iov = message->Header.Iov;
            if (buffers.StampTransmit[iov - buffers.TransmitIov] != 0)
            {
                message->Header.Control = buffers.TransmitStampControl;
                message->Header.ControlLength = KernelTransmitTimes.RequestControlSize;
                stamped++;
            }

            // An interleaved reply carries the previous reply's kernel transmit time already; any other is
            // stamped now, and an NTS reply sealed after its stamp (the header is the authenticator's associated data).
            if (buffers.Interleaved[iov - buffers.TransmitIov] != 0
                || path.StampAndSeal(new Span<byte>(iov->Base, (int)iov->Length), snapshot.Serve(RealtimeClock.ReadLocal()), backlogged))
            {
                path.CountSent(LinuxBatch.SendMmsg(fd, message, 1, 0) == 1, (int)iov->Length);
            }
        }

        return stamped;
    }

    private static bool TryReadSource(byte* name, out NetEndpoint source)
    {
        var raw = new ReadOnlySpan<byte>(name, BatchBuffers.NameSize);
        ushort family = MemoryMarshal.Read<ushort>(raw);
        bool known = family is LinuxBatch.AfInet or LinuxBatch.AfInet6;
        source = known ? SocketEndpoints.ReadNative(raw, family == LinuxBatch.AfInet6) : default;
        return known;
    }
}
