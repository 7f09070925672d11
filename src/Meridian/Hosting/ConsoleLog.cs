namespace Meridian.Hosting;

/// <summary>
/// Operator-facing log lines on standard error, with a UTC timestamp; under systemd, when standard
/// error is the journal's stream (<c>JOURNAL_STREAM</c>), with the sd-daemon priority prefix
/// (<c>&lt;3&gt;</c> error, <c>&lt;4&gt;</c> warning, <c>&lt;6&gt;</c> info) and no timestamp of
/// our own, as the journal keeps its own. With <c>logfile</c>, lines are appended to that file too
/// (always with timestamps). A reload reopens the file by name, so after logrotate renames it the
/// next lines go to a new file.
/// </summary>
public static class ConsoleLog
{
    private static readonly Lock Gate = new();
    private static readonly bool Journal = IsJournalStream(Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StandardErrorTarget());
    private static StreamWriter? _file;

    public static void Info(string message) => Write(LogLevel.Info, message);

    public static void Warn(string message) => Write(LogLevel.Warning, message);

    public static void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>One line as written: for the journal, its priority prefix and no timestamp; elsewhere an ISO UTC timestamp.</summary>
    public static string Format(LogLevel level, string message, bool journal, DateTime utc)
    {
        string label = level switch { LogLevel.Error => "error: ", LogLevel.Warning => "warning: ", _ => "" };
        return journal
            ? $"<{(int)level}>{label}{message}"
            : $"{utc:yyyy-MM-ddTHH:mm:ss.fffZ} meridian: {label}{message}";
    }

    /// <summary>
    /// True when <paramref name="journalStream"/> (systemd's <c>JOURNAL_STREAM</c>, "DEVICE:INODE")
    /// names the socket standard error is connected to (<paramref name="standardErrorTarget"/>, the
    /// link text of /proc/self/fd/2, "socket:[INODE]"): the journal reads our lines, not a terminal
    /// or a file the output was redirected to.
    /// </summary>
    public static bool IsJournalStream(string? journalStream, string? standardErrorTarget)
    {
        string[] parts = journalStream?.Split(':') ?? [];
        return parts.Length == 2 && standardErrorTarget == $"socket:[{parts[1]}]";
    }

    /// <summary>
    /// (Re)opens <paramref name="path"/> for appending (null: standard error only). Returns null, or
    /// why the file cannot be opened — then the previous file, if any, stays in use.
    /// </summary>
    public static string? UseFile(string? path)
    {
        StreamWriter? opened = null;
        if (path is not null)
        {
            try
            {
                opened = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot open log file {path}: {e.Message}";
            }
        }

        StreamWriter? previous;
        lock (Gate)
        {
            previous = _file;
            _file = opened;
        }

        previous?.Dispose();
        return null;
    }

    private static string? StandardErrorTarget()
    {
        try
        {
            return new FileInfo("/proc/self/fd/2").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(LogLevel level, string message)
    {
        DateTime now = DateTime.UtcNow;
        lock (Gate)
        {
            Console.Error.WriteLine(Format(level, message, Journal, now));
            try
            {
                _file?.WriteLine(Format(level, message, journal: false, now));
            }
            catch (IOException)
            {
                // A full disk must not stop the server; standard error still has the line.
            }
        }
    }
}
