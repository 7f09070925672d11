using System.Net.Sockets;

namespace Meridian.Control;

/// <summary>Creating, binding and removing the control socket's file.</summary>
internal static class ControlSocketFile
{
    public const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode SocketMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    private const int Backlog = 16;

    /// <summary>A listening socket at <paramref name="path"/> with mode 0660 (set before listening), replacing a stale socket file.</summary>
    public static Socket Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bool bound = false;
        try
        {
            CreateDirectory(path);
            RemoveStale(path);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            bound = true;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, SocketMode);
            }

            socket.Listen(Backlog);
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            socket.Dispose();
            if (bound)
            {
                Delete(path);
            }

            throw new ControlSocketException($"cannot create control socket {path}: {e.Message}", e);
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next start removes it as stale.
        }
    }

    private static void CreateDirectory(string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            File.SetUnixFileMode(directory, DirectoryMode); // whatever the umask
        }
    }

    /// <summary>
    /// Removes a socket file nobody listens on. A server that still answers, or a non-empty file
    /// (a socket file is always empty), is never removed.
    /// </summary>
    private static void RemoveStale(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        if (new FileInfo(path).Length > 0)
        {
            throw new IOException("the path exists and is not a socket");
        }

        if (IsListening(path))
        {
            throw new IOException("another server is listening on it");
        }

        File.Delete(path);
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
