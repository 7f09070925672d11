using System.Runtime.InteropServices;

namespace Meridian.Net;

/// <summary>Linux recvmmsg/sendmmsg and the x86-64/arm64 layouts of their structures.</summary>
internal static unsafe partial class LinuxBatch
{
    public const int SolSocket = 1;
    public const int SoTimestampNs = 35;
    public const int ScmTimestampNs = 35;
    public const int MsgWaitForOne = 0x10000;
    public const int MsgTrunc = 0x20;
    public const int IpProtoIp = 0;
    public const int IpPktInfo = 8;
    public const int IpProtoIpv6 = 41;
    public const int Ipv6RecvPktInfo = 49;
    public const int Ipv6PktInfo = 50;
    public const ushort AfInet = 2;
    public const ushort AfInet6 = 10;
    public const short PollIn = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CmsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMmsg(int fd, MMsgHdr* messages, uint count, int flags, Timespec* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMmsg(int fd, MMsgHdr* messages, uint count, int flags);

    /// <summary>poll(2): POLLIN is asked for; POLLERR (a queued ICMP error) and POLLHUP are always reported.</summary>
    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    /// <summary>The layouts match this process: 64-bit Linux.</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && IntPtr.Size == 8 && sizeof(MsgHdr) == 56 && sizeof(MMsgHdr) == 64;
}
