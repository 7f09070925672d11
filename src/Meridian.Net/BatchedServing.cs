using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Meridian.Core;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// The Linux serving loop: recvmmsg takes up to 32 datagrams per call, each with its kernel receive
/// timestamp (SO_TIMESTAMPNS) — the moment it reached the socket, before any queueing in user space —
/// and sendmmsg sends the replies of a batch at once, their transmit timestamp read immediately
/// before. Nothing is allocated per datagram.
/// </summary>
internal static unsafe class BatchedServing
{
    public static void Run(Socket socket, ServingPath path, ServedClock clock, NetEndpoint local, Func<bool> stopping, Action<long> afterBatch)
    {
        socket.SetRawSocketOption(LinuxBatch.SolSocket, LinuxBatch.SoTimestampNs, BitConverter.GetBytes(1));
        int fd = (int)socket.SafeHandle.DangerousGetHandle();
        using var buffers = new BatchBuffers();
        while (!stopping())
        {
            buffers.PrepareReceive();
            int received = LinuxBatch.RecvMmsg(fd, buffers.ReceiveHeaders, BatchBuffers.Slots, LinuxBatch.MsgWaitForOne, null);
            if (received > 0)
            {
                int replies = Serve(buffers, received, path, clock, local);
                Send(fd, buffers, replies, path, clock);
            }

            afterBatch(GC.GetAllocatedBytesForCurrentThread());
        }
    }

    private static int Serve(BatchBuffers buffers, int received, ServingPath path, ServedClock clock, NetEndpoint local)
    {
        LocalTime now = RealtimeClock.ReadLocal();
        ClockCorrection correction = clock.Correction;
        int replies = 0;
        for (int i = 0; i < received; i++)
        {
            LinuxBatch.MMsgHdr* message = buffers.ReceiveHeaders + i;
            if (!TryReadSource(buffers.Names + i * BatchBuffers.NameSize, out NetEndpoint source))
            {
                path.CountReceivedAndDropped(DropReason.SourceAddressInvalid);
                continue;
            }

            if ((message->Header.Flags & LinuxBatch.MsgTrunc) != 0)
            {
                path.CountReceivedAndDropped(DropReason.LengthTooLong);
                continue;
            }

            LocalTime arrival = ArrivalTime(message, now);
            var request = new ReadOnlySpan<byte>(buffers.Receive + i * BatchBuffers.BufferSize, (int)message->Length);
            var transmit = new Span<byte>(buffers.Transmit + i * BatchBuffers.BufferSize, BatchBuffers.BufferSize);
            int length = path.Handle(request, transmit, source, local, correction.Serve(arrival), arrival.Monotonic);
            if (!path.MaySend(length, request.Length))
            {
                continue;
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

    private static void Send(int fd, BatchBuffers buffers, int replies, ServingPath path, ServedClock clock)
    {
        if (replies == 0)
        {
            return;
        }

        NtpTimestamp transmit = clock.Now();
        for (int r = 0; r < replies; r++)
        {
            LinuxBatch.IoVec* iov = buffers.TransmitHeaders[r].Header.Iov;
            Responder.StampTransmit(new Span<byte>(iov->Base, (int)iov->Length), transmit);
        }

        int done = 0;
        while (done < replies)
        {
            int sent = LinuxBatch.SendMmsg(fd, buffers.TransmitHeaders + done, (uint)(replies - done), 0);
            if (sent <= 0)
            {
                // The first message of the rest failed (an ICMP error queued on the socket, for example): skip it.
                path.CountSent(false);
                done++;
                continue;
            }

            for (int k = 0; k < sent; k++)
            {
                path.CountSent(true);
            }

            done += sent;
        }
    }

    /// <summary>The kernel's receive time, and the monotonic time of that moment (the limiter's clock).</summary>
    private static LocalTime ArrivalTime(LinuxBatch.MMsgHdr* message, LocalTime now)
    {
        byte* control = (byte*)message->Header.Control;
        nuint length = message->Header.ControlLength;
        for (nuint offset = 0; offset + (nuint)sizeof(LinuxBatch.CmsgHdr) <= length;)
        {
            var header = (LinuxBatch.CmsgHdr*)(control + offset);
            if (header->Length < (nuint)sizeof(LinuxBatch.CmsgHdr))
            {
                break;
            }

            if (header->Level == LinuxBatch.SolSocket && header->Type == LinuxBatch.ScmTimestampNs)
            {
                var stamp = (LinuxBatch.Timespec*)(header + 1);
                NtpTimestamp system = NtpTimestamp.FromUnixTime(stamp->Seconds, (uint)stamp->Nanoseconds);
                return new LocalTime(now.Monotonic.AddSeconds(-now.System.SecondsSince(system)), system);
            }

            offset += (header->Length + 7) & ~(nuint)7;
        }

        return now;
    }

    private static bool TryReadSource(byte* name, out NetEndpoint source)
    {
        var raw = new ReadOnlySpan<byte>(name, BatchBuffers.NameSize);
        ushort family = MemoryMarshal.Read<ushort>(raw);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(raw[2..]);
        switch (family)
        {
            case LinuxBatch.AfInet:
                source = NetEndpoint.FromIPv4(raw.Slice(4, 4), port);
                return true;
            case LinuxBatch.AfInet6:
                source = NetEndpoint.FromIPv6(raw.Slice(8, 16), port);
                return true;
            default:
                source = default;
                return false;
        }
    }
}
