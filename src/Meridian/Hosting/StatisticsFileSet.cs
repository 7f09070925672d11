using Meridian.Configuration;

namespace Meridian.Hosting;

/// <summary>
/// One ntpd file generation set (<c>filegen NAME file F type T [link|nolink]</c>) under
/// <c>statsdir</c>: lines are appended to the member for their UTC date (<c>F.YYYYMMDD</c> for
/// <c>type day</c>); with <c>link</c>, <c>F</c> itself is a symbolic link to the current member
/// (ntpd makes a hard link; a regular file already named <c>F</c>, ntpd's link or a <c>type none</c>
/// file, is renamed to <c>F.PIDC0</c> as ntpd does, never deleted). Used by one thread.
/// </summary>
public sealed class StatisticsFileSet(string directory, FileGenOptions options, int processId) : IDisposable
{
    private StreamWriter? _writer;

    public string Name => options.Name;

    /// <summary>The member being written, or null before the first line or after a failure.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>The member a line stamped <paramref name="utc"/> belongs to.</summary>
    public string PathFor(DateTime utc) => Path.Combine(directory, options.File + options.Type switch
    {
        FileGenType.None => "",
        FileGenType.Pid => $".{processId}",
        FileGenType.Week => $".{utc:yyyy}W{(utc.DayOfYear - 1) / 7:00}",
        FileGenType.Month => $".{utc:yyyyMM}",
        FileGenType.Year => $".{utc:yyyy}",
        _ => $".{utc:yyyyMMdd}",
    });

    /// <summary>Appends a line (buffered until <see cref="Flush"/>); throws IOException or UnauthorizedAccessException.</summary>
    public void Append(string line, DateTime utc)
    {
        string path = PathFor(utc);
        if (path != CurrentPath || _writer is null)
        {
            Open(path);
        }

        _writer!.Write(line);
        _writer.Write('\n');
    }

    public void Flush() => _writer?.Flush();

    /// <summary>After a failure: the next line opens its member again.</summary>
    public void Reset()
    {
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // The buffered lines are lost with the disk that refused them.
        }

        _writer = null;
        CurrentPath = null;
    }

    public void Dispose() => Reset();

    private void Open(string path)
    {
        Reset();
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete));
        CurrentPath = path;
        if (options.Link && options.Type != FileGenType.None)
        {
            Link(path);
        }
    }

    private void Link(string member)
    {
        string link = Path.Combine(directory, options.File);
        var existing = new FileInfo(link);
        if (existing.Exists && existing.LinkTarget is null)
        {
            File.Move(link, $"{link}.{processId}C0", overwrite: false);
        }

        string temporary = $"{link}.link-{processId}";
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, Path.GetFileName(member));
        File.Move(temporary, link, overwrite: true);
    }
}
