using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Meridian.Net;
using Meridian.Protocol;

namespace Meridian.LoadGen;

/// <summary>
/// One fixed-rate step from one socket: requests paced evenly over the step and sent in batches
/// with sendmmsg, each from one of the source addresses 127.43.x.y in turn (IP_PKTINFO per
/// message), each carrying a strictly increasing send time as transmit timestamp. A receiver
/// thread takes the answers with recvmmsg; an answer is valid when its origin timestamp is one
/// this step sent and not answered before. The step ends 0.5 s after the last send.
/// </summary>
internal static unsafe class LoadStep
{
    private const int Batch = 32;
    private const int PacketSize = NtpHeader.Size;
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(500);

    public static StepResult Run(LoadOptions options, int rate)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveTimeout = 100,
            ReceiveBufferSize = 8 << 20,
            SendBufferSize = 8 << 20,
        };
        socket.SetRawSocketOption(LinuxBatch.SolSocket, LinuxBatch.SoTimestampNs, BitConverter.GetBytes(1));
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        var log = new SentLog((long)(rate * options.Seconds));
        var receiver = new Receiver(socket, log);
        var thread = new Thread(receiver.Run) { IsBackground = true, Name = "loadgen receive" };
        thread.Start();
        long sent = Send(socket, options, rate, log);
        Thread.Sleep(Drain);
        receiver.Stop();
        thread.Join();
        return new StepResult(rate, sent, receiver.Valid, receiver.Kisses, receiver.LatencyMicros.ToArray(), receiver.OffsetMicros.ToArray(), receiver.TransmitLagMicros.ToArray(), receiver.ResidenceMicros.ToArray());
    }

    private static long Send(Socket socket, LoadOptions options, int rate, SentLog log)
    {
        int fd = (int)socket.SafeHandle.DangerousGetHandle();
        using var batch = new SendBatch(options.Server);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        long next = 0;
        while (next < log.Capacity)
        {
            long due = Math.Min(log.Capacity, clock.ElapsedTicks * rate / Stopwatch.Frequency + 1);
            if (due <= next)
            {
                Thread.Yield();
                continue;
            }

            int count = (int)Math.Min(Batch, due - next);
            ulong now = RealtimeClock.Now().Value;
            for (int i = 0; i < count; i++)
            {
                ulong transmit = log.Append(now);
                batch.Set(i, transmit, SourceAddress(next + i, options.Sources));
            }

            int done = LinuxBatch.SendMmsg(fd, batch.Headers, (uint)count, 0);
            sent += Math.Max(done, 0); // the rest of a batch the kernel refused (buffer full) counts as not sent
            next += count;
        }

        return sent;
    }

    /// <summary>127.43.x.y for the n-th request, round-robin over the sources (at most 65 535: x.y from 0.1 to 255.255; network byte order).</summary>
    private static uint SourceAddress(long n, int sources)
    {
        int index = (int)(n % sources) + 1;
        return (uint)(127 | (43 << 8) | ((index >> 8) << 16) | ((index & 0xFF) << 24));
    }

    /// <summary>The transmit timestamps sent, in increasing order, and which were answered.</summary>
    private sealed class SentLog(long capacity)
    {
        private readonly ulong[] _sent = new ulong[capacity];
        private readonly bool[] _answered = new bool[capacity];
        private long _count;
        private ulong _last;

        public long Capacity => _sent.Length;

        /// <summary>Logs a timestamp after the last one (published before the send, as the answer may beat sendmmsg's return).</summary>
        public ulong Append(ulong now)
        {
            _last = Math.Max(now, _last + 1);
            _sent[_count] = _last;
            Volatile.Write(ref _count, _count + 1);
            return _last;
        }

        /// <summary>True the first time an answer carries a logged timestamp as its origin.</summary>
        public bool TryAnswer(ulong origin)
        {
            int index = Array.BinarySearch(_sent, 0, (int)Volatile.Read(ref _count), origin);
            if (index < 0 || _answered[index])
            {
                return false;
            }

            _answered[index] = true;
            return true;
        }
    }

    /// <summary>Native headers for one sendmmsg: per message the request, the server address and an IP_PKTINFO source.</summary>
    private sealed class SendBatch : IDisposable
    {
        private const int NameSize = 16;
        private const int PktInfoSize = 12;
        private const int ControlSize = 32; // CMSG_SPACE(sizeof(struct in_pktinfo))
        private readonly byte* _memory;

        public SendBatch(IPEndPoint server)
        {
            nuint size = (nuint)(Batch * (PacketSize + NameSize + ControlSize + sizeof(LinuxBatch.IoVec) + sizeof(LinuxBatch.MMsgHdr)));
            _memory = (byte*)NativeMemory.AllocZeroed(size);
            byte* packets = _memory;
            byte* names = packets + Batch * PacketSize;
            byte* controls = names + Batch * NameSize;
            var iovs = (LinuxBatch.IoVec*)(controls + Batch * ControlSize);
            Headers = (LinuxBatch.MMsgHdr*)(iovs + Batch);
            byte[] address = server.Address.GetAddressBytes();
            for (int i = 0; i < Batch; i++)
            {
                byte* packet = packets + i * PacketSize;
                packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
                byte* name = names + i * NameSize;
                *(ushort*)name = LinuxBatch.AfInet;
                name[2] = (byte)(server.Port >> 8);
                name[3] = (byte)server.Port;
                Marshal.Copy(address, 0, (nint)(name + 4), 4);
                var control = (LinuxBatch.CmsgHdr*)(controls + i * ControlSize);
                *control = new LinuxBatch.CmsgHdr { Length = (nuint)(sizeof(LinuxBatch.CmsgHdr) + PktInfoSize), Level = LinuxBatch.IpProtoIp, Type = LinuxBatch.IpPktInfo };
                iovs[i] = new LinuxBatch.IoVec { Base = packet, Length = PacketSize };
                Headers[i].Header = new LinuxBatch.MsgHdr { Name = name, NameLength = NameSize, Iov = iovs + i, IovLength = 1, Control = control, ControlLength = ControlSize };
            }
        }

        public LinuxBatch.MMsgHdr* Headers { get; }

        /// <summary>Sets message <paramref name="i"/>'s transmit timestamp and source address (ipi_spec_dst).</summary>
        public void Set(int i, ulong transmit, uint source)
        {
            LinuxBatch.MsgHdr header = Headers[i].Header;
            new NtpTimestamp(transmit).Write(new Span<byte>(header.Iov->Base, PacketSize)[NtpHeader.TransmitTimestampOffset..]);
            *(uint*)((byte*)header.Control + sizeof(LinuxBatch.CmsgHdr) + 4) = source;
        }

        public void Dispose() => NativeMemory.Free(_memory);
    }

    /// <summary>Receives and classifies the answers; T4 is the kernel's receive time of each answer.</summary>
    private sealed class Receiver(Socket socket, SentLog log)
    {
        private const int BufferSize = 2048;
        private const int ControlSize = 64;
        private volatile bool _stopping;

        public long Valid { get; private set; }

        public long Kisses { get; private set; }

        public List<double> LatencyMicros { get; } = new((int)Math.Min(log.Capacity, int.MaxValue));

        public List<double> OffsetMicros { get; } = new((int)Math.Min(log.Capacity, int.MaxValue));

        /// <summary>
        /// T4 − T3 of each answer: how long before the answer reached this socket its transmit
        /// timestamp was read. On loopback that is the kernel's delivery (a few µs) plus however long
        /// the server sent other packets after reading T3 — the part of T3's error a server controls.
        /// </summary>
        public List<double> TransmitLagMicros { get; } = new((int)Math.Min(log.Capacity, int.MaxValue));

        /// <summary>
        /// T3 − T2 of each answer: the server's residence, from its kernel's receive timestamp to its
        /// transmit timestamp. Tells a stall in the server from one in the generator or the network.
        /// </summary>
        public List<double> ResidenceMicros { get; } = new((int)Math.Min(log.Capacity, int.MaxValue));

        public void Stop() => _stopping = true;

        public void Run()
        {
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            byte* memory = (byte*)NativeMemory.AllocZeroed((nuint)(Batch * (BufferSize + ControlSize + sizeof(LinuxBatch.IoVec) + sizeof(LinuxBatch.MMsgHdr))));
            byte* controls = memory + Batch * BufferSize;
            var iovs = (LinuxBatch.IoVec*)(controls + Batch * ControlSize);
            var headers = (LinuxBatch.MMsgHdr*)(iovs + Batch);
            try
            {
                while (!_stopping)
                {
                    for (int i = 0; i < Batch; i++)
                    {
                        iovs[i] = new LinuxBatch.IoVec { Base = memory + i * BufferSize, Length = BufferSize };
                        headers[i] = new LinuxBatch.MMsgHdr { Header = new LinuxBatch.MsgHdr { Iov = iovs + i, IovLength = 1, Control = controls + i * ControlSize, ControlLength = ControlSize } };
                    }

                    int received = LinuxBatch.RecvMmsg(fd, headers, Batch, LinuxBatch.MsgWaitForOne, null);
                    NtpTimestamp now = RealtimeClock.Now();
                    for (int i = 0; i < received; i++)
                    {
                        Classify(new ReadOnlySpan<byte>(memory + i * BufferSize, (int)headers[i].Length), ControlMessages.Read(&headers[i].Header, 0).Arrival ?? now);
                    }
                }
            }
            finally
            {
                NativeMemory.Free(memory);
            }
        }

        private void Classify(ReadOnlySpan<byte> reply, NtpTimestamp t4)
        {
            if (!NtpHeader.TryRead(reply, out NtpHeader header) || header.Mode != NtpMode.Server || !log.TryAnswer(header.OriginTimestamp.Value))
            {
                return;
            }

            if (header.Stratum == 0)
            {
                Kisses++;
                return;
            }

            NtpTimestamp t1 = header.OriginTimestamp;
            Valid++;
            LatencyMicros.Add(t4.SecondsSince(t1) * 1e6);
            ResidenceMicros.Add(header.TransmitTimestamp.SecondsSince(header.ReceiveTimestamp) * 1e6);
            TransmitLagMicros.Add(t4.SecondsSince(header.TransmitTimestamp) * 1e6);
            OffsetMicros.Add(Math.Abs((header.ReceiveTimestamp.SecondsSince(t1) + header.TransmitTimestamp.SecondsSince(t4)) / 2) * 1e6);
        }
    }
}
