using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Meridian.Net;

/// <summary>
/// Only the workers of one process share a serving port. Linux lets any socket with SO_REUSEPORT and
/// the same effective user join a SO_REUSEPORT group, so a second Meridian, or a chronyd (which sets
/// it too), would silently take part of the traffic. Before the workers bind, a probe socket without
/// SO_REUSEPORT or SO_REUSEADDR binds the address: the kernel refuses it (EADDRINUSE) when any socket
/// holds that port on an overlapping address (the same address, or a wildcard on either side). After
/// they bind, the kernel's socket table (/proc/net/udp, udp6) must show no other socket on the port:
/// that closes the window between the probe and the binds, where two processes starting together
/// could both pass the probe (then at least the later one refuses).
/// </summary>
internal static class ExclusivePort
{
    /// <summary>Throws <see cref="ListenException"/> when another socket already holds <paramref name="listen"/>.</summary>
    public static void Probe(IPEndPoint listen)
    {
        if (listen.Port == 0)
        {
            return; // the kernel picks an unused port for the first worker
        }

        try
        {
            using var probe = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            if (listen.AddressFamily == AddressFamily.InterNetworkV6)
            {
                probe.DualMode = false; // as the workers: IPv6 only
            }

            probe.Bind(listen);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw AlreadyServed(listen, e);
        }
        catch (SocketException)
        {
            // Any other reason (permission, foreign address, no IPv6) the workers' own bind reports.
        }
    }

    /// <summary>Throws <see cref="ListenException"/> when a socket other than <paramref name="ours"/> is bound to <paramref name="bound"/>'s port on an overlapping address.</summary>
    public static void VerifySole(IPEndPoint bound, IEnumerable<Socket> ours)
    {
        string table = bound.AddressFamily == AddressFamily.InterNetworkV6 ? "/proc/net/udp6" : "/proc/net/udp";
        if (!OperatingSystem.IsLinux() || !File.Exists(table))
        {
            return;
        }

        var inodes = ours.Select(Inode).ToHashSet();
        foreach (string line in File.ReadLines(table).Skip(1))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && TryParseLocal(fields[1], out IPAddress? address, out int port) && port == bound.Port
                && Overlaps(address!, bound.Address) && !inodes.Contains(fields[9]))
            {
                throw AlreadyServed(bound, null);
            }
        }
    }

    public static ListenException AlreadyServed(IPEndPoint listen, Exception? inner) => new(
        listen,
        SocketError.AddressAlreadyInUse,
        $"{UdpServingLoop.Format(listen)} is already served by another process (stop it, or choose another address with --listen)",
        inner ?? new SocketException((int)SocketError.AddressAlreadyInUse));

    private static bool Overlaps(IPAddress a, IPAddress b) =>
        a.Equals(b) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) || b.Equals(IPAddress.Any) || b.Equals(IPAddress.IPv6Any);

    /// <summary>The socket's inode number as /proc/net/udp prints it (the link /proc/self/fd/N reads "socket:[N]").</summary>
    private static string Inode(Socket socket)
    {
        string? target = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget;
        return target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) ? target[8..^1] : "";
    }

    /// <summary>"0100007F:0050": the address as 32-bit words in host byte order, then the port, in hex.</summary>
    private static bool TryParseLocal(string text, out IPAddress? address, out int port)
    {
        address = null;
        port = 0;
        int colon = text.IndexOf(':');
        if (colon is not (8 or 32) || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        byte[] bytes = new byte[colon / 2];
        for (int word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint value))
            {
                return false;
            }

            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4), value);
        }

        address = new IPAddress(bytes);
        return true;
    }
}
