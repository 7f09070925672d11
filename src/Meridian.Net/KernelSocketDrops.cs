using System.Globalization;
using System.Net.Sockets;

namespace Meridian.Net;

/// <summary>
/// Datagrams the kernel dropped for the serving sockets because their receive buffers were full:
/// the drops column of /proc/net/udp and /proc/net/udp6 for the sockets' inodes (what `ss -u -m`
/// and perfkit's srvdrop read). Read off the serving path, for status and metrics; never a cost per request.
/// </summary>
public static class KernelSocketDrops
{
    private const int InodeColumn = 9;
    private const int DropsColumn = 12;

    /// <summary>The sum over the sockets of the kernel's drop counters (0 where /proc cannot be read).</summary>
    public static long Read(IEnumerable<Socket> sockets)
    {
        var inodes = sockets.Select(Inode).Where(inode => inode != 0).ToHashSet();
        return inodes.Count == 0 ? 0 : Sum("/proc/net/udp", inodes) + Sum("/proc/net/udp6", inodes);
    }

    /// <summary>Sums the drops column of a /proc/net/udp-format table over the rows of <paramref name="inodes"/>.</summary>
    public static long Sum(string table, IReadOnlySet<long> inodes)
    {
        try
        {
            long drops = 0;
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > DropsColumn
                    && long.TryParse(columns[InodeColumn], NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
                    && inodes.Contains(inode))
                {
                    drops += long.Parse(columns[DropsColumn], CultureInfo.InvariantCulture);
                }
            }

            return drops;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The socket's inode from /proc/self/fd ("socket:[INODE]"), or 0.</summary>
    private static long Inode(Socket socket)
    {
        try
        {
            string? target = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget;
            return target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                ? long.Parse(target.AsSpan(8, target.Length - 9), CultureInfo.InvariantCulture)
                : 0;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return 0;
        }
    }
}
