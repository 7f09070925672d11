namespace Meridian.Tests.Control;

/// <summary>A fresh directory under the temp directory for a control socket, deleted on dispose.</summary>
internal sealed class TempSocketDirectory : IDisposable
{
    public TempSocketDirectory()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"meridian-ctl-{Guid.NewGuid():N}");
        SocketPath = System.IO.Path.Combine(Directory, "run", "meridian.sock");
    }

    /// <summary>The directory; it does not exist until a server creates it.</summary>
    public string Directory { get; }

    /// <summary>A socket path one missing level below <see cref="Directory"/>.</summary>
    public string SocketPath { get; }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
