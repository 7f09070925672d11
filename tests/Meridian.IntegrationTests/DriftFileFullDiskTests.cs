using Meridian.Hosting;

namespace Meridian.IntegrationTests;

/// <summary>The drift file on a full file system: the write fails and leaves nothing behind (a tiny tmpfs, mounted as root).</summary>
public sealed class DriftFileFullDiskTests : IDisposable
{
    private readonly DirectoryInfo _mount = Directory.CreateTempSubdirectory("meridian-it-full-");
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted)
        {
            ExternalTool.Run(ExternalTool.Require("umount"), [_mount.FullName], TimeSpan.FromSeconds(30));
        }

        _mount.Delete(recursive: true);
    }

    [Fact]
    public void Write_OnAFullDisk_FailsAndLeavesNoTemporaryFile()
    {
        var mount = ExternalTool.Run(ExternalTool.Require("mount"), ["-t", "tmpfs", "-o", "size=4k", "tmpfs", _mount.FullName], TimeSpan.FromSeconds(30));
        Assert.True(mount.ExitCode == 0, $"mounting a 4 kB tmpfs needs root: {mount.All}");
        _mounted = true;
        string filler = Path.Combine(_mount.FullName, "filler");
        Assert.ThrowsAny<IOException>(() => File.WriteAllBytes(filler, new byte[64 << 10])); // fills every page
        string drift = Path.Combine(_mount.FullName, "drift");

        Assert.ThrowsAny<IOException>(() => DriftFile.Write(drift, 12.345));

        Assert.Equal(["filler"], Directory.GetFileSystemEntries(_mount.FullName).Select(Path.GetFileName));
    }
}
