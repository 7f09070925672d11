using System.Runtime.InteropServices;

namespace Meridian.Net;

/// <summary>
/// The native memory of one batched loop, allocated once: per slot a receive buffer larger than the
/// largest request answered (so an oversized datagram is flagged MSG_TRUNC, never parsed truncated),
/// a transmit buffer, the peer address and the control buffer for the kernel timestamp.
/// </summary>
internal sealed unsafe class BatchBuffers : IDisposable
{
    public const int Slots = 32;
    public const int BufferSize = 2048;
    public const int NameSize = 128;
    /// <summary>Room for SCM_TIMESTAMPING (64 bytes) and IP_PKTINFO or IPV6_PKTINFO (up to 40 bytes).</summary>
    public const int ControlSize = 128;

    private const int TransmitStampControlSize = KernelTransmitTimes.RequestControlSize;

    private readonly byte* _memory;

    public BatchBuffers()
    {
        nuint size = (nuint)(Slots * (2 * BufferSize + NameSize + ControlSize + 2 * sizeof(LinuxBatch.IoVec) + 2 * sizeof(LinuxBatch.MMsgHdr)) + 2 * Slots + TransmitStampControlSize);
        _memory = (byte*)NativeMemory.AlignedAlloc(size, 64);
        NativeMemory.Clear(_memory, size);
        byte* next = _memory;
        Receive = next; next += Slots * BufferSize;
        Transmit = next; next += Slots * BufferSize;
        Names = next; next += Slots * NameSize;
        Controls = next; next += Slots * ControlSize;
        ReceiveIov = (LinuxBatch.IoVec*)next; next += Slots * sizeof(LinuxBatch.IoVec);
        TransmitIov = (LinuxBatch.IoVec*)next; next += Slots * sizeof(LinuxBatch.IoVec);
        ReceiveHeaders = (LinuxBatch.MMsgHdr*)next; next += Slots * sizeof(LinuxBatch.MMsgHdr);
        TransmitHeaders = (LinuxBatch.MMsgHdr*)next; next += Slots * sizeof(LinuxBatch.MMsgHdr);
        TransmitStampControl = next; next += TransmitStampControlSize;
        Interleaved = next; next += Slots;
        StampTransmit = next;
        KernelTransmitTimes.WriteRequestControl(TransmitStampControl);
        for (int i = 0; i < Slots; i++)
        {
            ReceiveIov[i] = new LinuxBatch.IoVec { Base = Receive + i * BufferSize, Length = BufferSize };
            TransmitIov[i] = new LinuxBatch.IoVec { Base = Transmit + i * BufferSize };
        }
    }

    public byte* Receive { get; }

    public byte* Transmit { get; }

    public byte* Names { get; }

    public byte* Controls { get; }

    public LinuxBatch.IoVec* ReceiveIov { get; }

    public LinuxBatch.IoVec* TransmitIov { get; }

    public LinuxBatch.MMsgHdr* ReceiveHeaders { get; }

    public LinuxBatch.MMsgHdr* TransmitHeaders { get; }

    /// <summary>Per slot, 1 when the reply is interleaved: its transmit timestamp is final, not stamped at the send.</summary>
    public byte* Interleaved { get; }

    /// <summary>Per slot, 1 when the reply asks the kernel for its transmit timestamp (<see cref="TransmitStampControl"/>).</summary>
    public byte* StampTransmit { get; }

    /// <summary>An SCM_TIMESTAMPING control message asking for the software transmit timestamp of one send (aligned: it follows the 64-byte-aligned blocks).</summary>
    public byte* TransmitStampControl { get; }

    /// <summary>Counts replies for the 1-in-<see cref="KernelTransmitTimes.SampleEvery"/> sample of transmit timestamps.</summary>
    public int Sent { get; set; }

    /// <summary>Resets the receive headers before a recvmmsg call (the kernel overwrites lengths and flags).</summary>
    public void PrepareReceive()
    {
        for (int i = 0; i < Slots; i++)
        {
            ReceiveHeaders[i] = new LinuxBatch.MMsgHdr
            {
                Header = new LinuxBatch.MsgHdr
                {
                    Name = Names + i * NameSize,
                    NameLength = NameSize,
                    Iov = ReceiveIov + i,
                    IovLength = 1,
                    Control = Controls + i * ControlSize,
                    ControlLength = ControlSize,
                },
            };
        }
    }

    public void Dispose() => NativeMemory.AlignedFree(_memory);
}
