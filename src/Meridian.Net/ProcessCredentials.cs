using System.Runtime.InteropServices;

namespace Meridian.Net;

/// <summary>
/// Dropping root after the sockets are bound (<c>user NAME</c>, <c>--user NAME</c>): supplementary
/// groups cleared, then group and user set for real, effective and saved IDs. glibc applies
/// setresuid/setresgid to every thread of the process, so no thread keeps root. With
/// <c>keepSysTime</c> (the kernel discipline), the capabilities are kept across the
/// change (PR_SET_KEEPCAPS) and then cut on the calling thread to CAP_SYS_TIME alone, which the
/// threads it starts afterwards (the sync thread) inherit.
/// </summary>
public static partial class ProcessCredentials
{
    private const int PrSetKeepCaps = 8;
    private const uint CapabilityVersion3 = 0x20080522;
    private const int CapSysTime = 25;

    /// <summary>The user's uid and primary gid from the system's user database, or false when there is no such user.</summary>
    public static bool TryLookUp(string user, out uint uid, out uint gid)
    {
        (uid, gid) = (0, 0);
        IntPtr entry = GetPwNam(user);
        if (entry == IntPtr.Zero)
        {
            return false;
        }

        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... } on 64-bit Linux.
        uid = (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size);
        gid = (uint)Marshal.ReadInt32(entry, 2 * IntPtr.Size + 4);
        return true;
    }

    /// <summary>Hands a file (the control socket) to the user the server is about to become; false when the kernel refuses.</summary>
    public static bool TryChangeOwner(string path, uint uid, uint gid) => Chown(path, uid, gid) == 0;

    /// <summary>Becomes <paramref name="uid"/>/<paramref name="gid"/>; false with the reason when the kernel refuses.</summary>
    public static bool TryDrop(uint uid, uint gid, bool keepSysTime, out string reason)
    {
        reason = "";
        if (keepSysTime && Prctl(PrSetKeepCaps, 1, 0, 0, 0) != 0)
        {
            return Fail("prctl(PR_SET_KEEPCAPS)", out reason);
        }

        if (SetGroups(0, IntPtr.Zero) != 0)
        {
            return Fail("setgroups", out reason);
        }

        if (SetResGid(gid, gid, gid) != 0)
        {
            return Fail("setresgid", out reason);
        }

        if (SetResUid(uid, uid, uid) != 0)
        {
            return Fail("setresuid", out reason);
        }

        if (keepSysTime)
        {
            var header = new CapHeader { Version = CapabilityVersion3, Pid = 0 };
            var data = new CapData[2];
            data[0] = new CapData { Effective = 1u << CapSysTime, Permitted = 1u << CapSysTime, Inheritable = 0 };
            if (CapSet(ref header, data) != 0)
            {
                return Fail("capset(CAP_SYS_TIME)", out reason);
            }

            _ = Prctl(PrSetKeepCaps, 0, 0, 0, 0);
        }

        return true;
    }

    private static bool Fail(string call, out string reason)
    {
        int errno = Marshal.GetLastPInvokeError();
        reason = errno == 1 ? $"{call}: not permitted (start as root to drop to a user)" : $"{call} failed (errno {errno})";
        return false;
    }

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPwNam(string name);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "setgroups", SetLastError = true)]
    private static partial int SetGroups(nuint size, IntPtr list);

    [LibraryImport("libc", EntryPoint = "setresgid", SetLastError = true)]
    private static partial int SetResGid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "setresuid", SetLastError = true)]
    private static partial int SetResUid(uint real, uint effective, uint saved);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(ref CapHeader header, [In] CapData[] data);

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }
}
