using System.Net.Sockets;
using System.Runtime.InteropServices;
using Meridian.Core.Serving;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// Kernel software timestamps on a serving socket (SO_TIMESTAMPING): receive timestamps for the
/// requests, and a transmit timestamp for the replies that ask for one (the interleaved table's and a
/// 1-in-<see cref="SampleEvery"/> sample for the error histogram; SCM_TIMESTAMPING per send), taken when the datagram reaches the device
/// (for loopback, in the send call) and queued on the socket's error queue with the datagram looped
/// back. <see cref="Drain"/> reads that queue after the sends of each batch (recvmmsg with
/// MSG_ERRQUEUE, non-blocking, into buffers allocated once) and hands each reply's header and
/// transmit time to <see cref="SentReply"/>. The looped-back datagram identifies its reply by its
/// own bytes, so no send counter (SOF_TIMESTAMPING_OPT_ID) has to stay in step with the kernel; the
/// payload is kept (no OPT_TSONLY) for that reason. Queued timestamps count against the socket's
/// receive buffer until read, so the loop drains them every batch.
/// </summary>
internal sealed unsafe class KernelTransmitTimes : IDisposable
{
    public const int SoTimestamping = 37;
    public const int ScmTimestamping = 37;
    private const int TxSoftware = 1 << 1;
    private const int RxSoftware = 1 << 3;
    private const int Software = 1 << 4;
    private const int MsgErrQueue = 0x2000;
    private const int MsgDontWait = 0x40;
    private const int Slots = 32;

    /// <summary>Room for the link, IP and UDP headers before a 48-byte reply (a longer reply is truncated and skipped).</summary>
    private const int DataSize = 256;
    private const int ControlSize = 128;

    private readonly byte* _memory;
    private readonly byte* _data;
    private readonly byte* _controls;
    private readonly LinuxBatch.IoVec* _iov;
    private readonly LinuxBatch.MMsgHdr* _headers;

    public KernelTransmitTimes()
    {
        nuint size = (nuint)(Slots * (DataSize + ControlSize + sizeof(LinuxBatch.IoVec) + sizeof(LinuxBatch.MMsgHdr)));
        _memory = (byte*)NativeMemory.AlignedAlloc(size, 64);
        NativeMemory.Clear(_memory, size);
        byte* next = _memory;
        _data = next; next += Slots * DataSize;
        _controls = next; next += Slots * ControlSize;
        _iov = (LinuxBatch.IoVec*)next; next += Slots * sizeof(LinuxBatch.IoVec);
        _headers = (LinuxBatch.MMsgHdr*)next;
        for (int i = 0; i < Slots; i++)
        {
            _iov[i] = new LinuxBatch.IoVec { Base = _data + i * DataSize, Length = DataSize };
        }
    }

    /// <summary>
    /// One reply in this many gets a transmit timestamp for the error histogram (besides every reply
    /// the interleaved table waits for): a kernel transmit timestamp is a clone of the datagram queued
    /// on the error queue and read back, which cost ~15–20 % more CPU per reply when every reply had one.
    /// </summary>
    public const int SampleEvery = 16;

    /// <summary>CMSG_SPACE(sizeof(uint)) on 64-bit Linux: a 16-byte header and the flags, padded to 8.</summary>
    public const int RequestControlSize = 24;

    /// <summary>
    /// Asks for software receive timestamps and for timestamps to be reported (before bind, like the
    /// other options). Transmit timestamps are asked for per send, with <see cref="WriteRequestControl"/>'s message.
    /// </summary>
    public static void Enable(Socket socket) =>
        socket.SetRawSocketOption(LinuxBatch.SolSocket, SoTimestamping, BitConverter.GetBytes(RxSoftware | Software));

    /// <summary>Writes the SCM_TIMESTAMPING control message that asks for the software transmit timestamp of one send.</summary>
    public static void WriteRequestControl(byte* control)
    {
        *(nuint*)control = 16 + sizeof(uint); // cmsg_len = CMSG_LEN(sizeof(uint))
        *(int*)(control + 8) = LinuxBatch.SolSocket;
        *(int*)(control + 12) = ScmTimestamping;
        *(uint*)(control + 16) = TxSoftware;
    }

    /// <summary>Reads every transmit timestamp waiting on the error queue; returns how many were read.</summary>
    public int Drain(int fd, ServedSnapshot snapshot, InterleavedReplies interleaved, TransmitErrorHistogram errors)
    {
        int total = 0;
        int read;
        do
        {
            Prepare();
            read = LinuxBatch.RecvMmsg(fd, _headers, Slots, MsgErrQueue | MsgDontWait, null);
            if (read <= 0)
            {
                break;
            }

            LocalTime now = RealtimeClock.ReadLocal();
            for (int i = 0; i < read; i++)
            {
                LinuxBatch.MMsgHdr* message = _headers + i;
                int length = (int)message->Length;
                if ((message->Header.Flags & LinuxBatch.MsgTrunc) != 0 || length < NtpHeader.Size
                    || ControlMessages.Read(&message->Header, 0).Arrival is not NtpTimestamp sent)
                {
                    continue;
                }

                var header = new ReadOnlySpan<byte>(_data + i * DataSize + length - NtpHeader.Size, NtpHeader.Size);
                SentReply.Observe(header, snapshot.Serve(KernelReceiveTime.At(sent, now, now.System)), interleaved, errors);
            }

            total += read;
        }
        while (read == Slots);

        return total;
    }

    public void Dispose() => NativeMemory.AlignedFree(_memory);

    private void Prepare()
    {
        for (int i = 0; i < Slots; i++)
        {
            _headers[i] = new LinuxBatch.MMsgHdr
            {
                Header = new LinuxBatch.MsgHdr
                {
                    Iov = _iov + i,
                    IovLength = 1,
                    Control = _controls + i * ControlSize,
                    ControlLength = ControlSize,
                },
            };
        }
    }
}
