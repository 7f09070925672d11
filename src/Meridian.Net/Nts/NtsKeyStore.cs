using System.Security.Cryptography;
using System.Text;
using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>
/// The edge of the NTS master keys: makes keys from the system's random source, rotates them on
/// the wall clock, and keeps them in <c>ntsdumpdir</c> (file <see cref="FileName"/>, mode 0600,
/// written atomically: temporary file, fsync, rename; no temporary left on failure), so a restart
/// keeps every client's cookies valid. A damaged file is reported through the warning callback and
/// replaced by new keys. The one writer of <see cref="Ring"/>; call <see cref="Maintain()"/> from one
/// thread (a timer).
/// </summary>
public sealed class NtsKeyStore
{
    public const string FileName = "meridian-ntskeys";

    private readonly string? _path;
    private readonly Action<string> _warn;
    private DateTime _fileWrittenUtc;

    private NtsKeyStore(string? path, NtsKeyRing ring, Action<string> warn)
    {
        _path = path;
        _warn = warn;
        Ring = new NtsKeyRingCell(ring);
    }

    /// <summary>The ring the serving loops and the NTS-KE server read.</summary>
    public NtsKeyRingCell Ring { get; }

    /// <summary>The key file, or null when keys live in memory only (no <c>ntsdumpdir</c>).</summary>
    public string? FilePath => _path;

    /// <summary>
    /// Loads the keys from <paramref name="dumpDirectory"/> (or makes new ones when there is no file,
    /// no directory configured, or the file is damaged — with a warning), then rotates if due.
    /// </summary>
    /// <param name="rotationSeconds">chrony's <c>ntsrotate</c>: seconds between new keys; 0 never rotates (a fleet member that receives its keys).</param>
    public static NtsKeyStore Open(string? dumpDirectory, long rotationSeconds, Action<string> warn)
    {
        string? path = dumpDirectory is null ? null : Path.Combine(dumpDirectory, FileName);
        NtsKeyRing? ring = path is null ? null : Load(path, warn);
        var store = new NtsKeyStore(path, ring?.WithRotation(rotationSeconds) ?? Fresh(rotationSeconds), warn);
        if (path is not null && ring is null)
        {
            store.Save();
        }
        else if (path is not null)
        {
            store._fileWrittenUtc = File.GetLastWriteTimeUtc(path);
            store.Maintain();
        }

        return store;
    }

    /// <summary>
    /// Called periodically (once a minute): takes the file again when someone else replaced it (a
    /// fleet's distributed keys), and rotates when the current key is older than the interval.
    /// True when the ring changed.
    /// </summary>
    public bool Maintain() => Maintain(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <inheritdoc cref="Maintain()"/>
    public bool Maintain(long nowUnixSeconds)
    {
        bool changed = false;
        if (_path is not null && File.Exists(_path) && File.GetLastWriteTimeUtc(_path) != _fileWrittenUtc && Load(_path, _warn) is NtsKeyRing loaded)
        {
            Ring.Publish(loaded.WithRotation(Ring.Current.RotationSeconds));
            _fileWrittenUtc = File.GetLastWriteTimeUtc(_path);
            changed = true;
        }

        NtsKeyRing ring = Ring.Current;
        if (ring.IsRotationDue(nowUnixSeconds))
        {
            Ring.Publish(ring.Rotate(NewKey(ring.NextId, nowUnixSeconds)));
            Save();
            changed = true;
        }

        return changed;
    }

    /// <summary>Writes the ring to the key file atomically (nothing when no <c>ntsdumpdir</c> is set).</summary>
    public void Save()
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            Write(_path, NtsKeyFile.Format(Ring.Current));
            _fileWrittenUtc = File.GetLastWriteTimeUtc(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"cannot write the NTS key file {_path}: {e.Message}; the keys in memory are still used, but a restart will invalidate every client's cookies");
        }
    }

    private static NtsKeyRing? Load(string path, Action<string> warn)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"cannot read the NTS key file {path}: {e.Message}; starting with new keys (cookies issued before will get NTS NAKs)");
            return null;
        }

        if (NtsKeyFile.TryParse(text, out NtsKeyRing? ring, out string error))
        {
            return ring;
        }

        warn($"the NTS key file {path} is damaged ({error}); starting with new keys (cookies issued before will get NTS NAKs)");
        return null;
    }

    private static NtsKeyRing Fresh(long rotationSeconds) =>
        new([NewKey(BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)), DateTimeOffset.UtcNow.ToUnixTimeSeconds())], rotationSeconds);

    private static NtsMasterKey NewKey(uint id, long nowUnixSeconds) =>
        new(id, RandomNumberGenerator.GetBytes(NtsMasterKey.KeyLength), nowUnixSeconds);

    private static void Write(string path, string text)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
