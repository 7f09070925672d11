using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Meridian.Net;

/// <summary>
/// Steers each datagram of a SO_REUSEPORT group to a worker chosen by its source address alone
/// (IPv4 address; the upper 64 bits, the /64, of an IPv6 address), with a classic BPF program
/// (SO_ATTACH_REUSEPORT_CBPF). A client therefore always reaches the same worker whatever source
/// port it uses, so each worker's rate-limit table is the only one that sees that client.
/// </summary>
internal static unsafe class ReusePortSteering
{
    private const int SoReusePort = 15;
    private const int SoAttachReusePortCbpf = 51;
    private const int SkfNetOff = -0x100000;

    // cBPF opcodes
    private const ushort LdWAbs = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private const ushort Tax = 0x07;      // BPF_MISC | BPF_TAX
    private const ushort XorX = 0xac;     // BPF_ALU | BPF_XOR | BPF_X
    private const ushort ModK = 0x94;     // BPF_ALU | BPF_MOD | BPF_K
    private const ushort RetA = 0x16;     // BPF_RET | BPF_A

    public static void AllowReuse(Socket socket) =>
        socket.SetRawSocketOption(LinuxBatch.SolSocket, SoReusePort, BitConverter.GetBytes(1));

    /// <summary>Attaches the steering program to a socket of the group (before the others bind works too).</summary>
    public static void Attach(Socket socket, int workers)
    {
        Filter[] program = socket.AddressFamily == AddressFamily.InterNetworkV6
            ?
            [
                new(LdWAbs, SkfNetOff + 8),   // A = source address bits 0..31
                new(Tax, 0),                  // X = A
                new(LdWAbs, SkfNetOff + 12),  // A = source address bits 32..63
                new(XorX, 0),                 // A ^= X
                new(ModK, (uint)workers),
                new(RetA, 0),
            ]
            :
            [
                new(LdWAbs, SkfNetOff + 12),  // A = IPv4 source address
                new(ModK, (uint)workers),
                new(RetA, 0),
            ];
        fixed (Filter* filters = program)
        {
            var fprog = new FilterProgram { Length = (ushort)program.Length, Filters = filters };
            socket.SetRawSocketOption(LinuxBatch.SolSocket, SoAttachReusePortCbpf, new ReadOnlySpan<byte>(&fprog, sizeof(FilterProgram)));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Filter(ushort code, uint k)
    {
        public readonly ushort Code = code;
        public readonly byte JumpTrue;
        public readonly byte JumpFalse;
        public readonly uint K = k;

        public Filter(ushort code, int k)
            : this(code, unchecked((uint)k))
        {
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FilterProgram
    {
        public ushort Length;
        public Filter* Filters;
    }
}
