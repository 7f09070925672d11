namespace Meridian.Hosting;

/// <summary>
/// Operator-facing log lines on standard error, with a UTC timestamp; with <c>logfile</c>, appended
/// to that file too. A reload reopens the file by name, so after logrotate renames it the next lines
/// go to a new file.
/// </summary>
public static class ConsoleLog
{
    private static readonly Lock Gate = new();
    private static StreamWriter? _file;

    /// <summary>The log file in use, or null.</summary>
    public static string? FilePath { get; private set; }

    public static void Info(string message) => Write("", message);

    public static void Warn(string message) => Write("warning: ", message);

    public static void Error(string message) => Write("error: ", message);

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
            FilePath = path;
        }

        previous?.Dispose();
        return null;
    }

    private static void Write(string level, string message)
    {
        string line = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} meridian: {level}{message}";
        lock (Gate)
        {
            Console.Error.WriteLine(line);
            try
            {
                _file?.WriteLine(line);
            }
            catch (IOException)
            {
                // A full disk must not stop the server; standard error still has the line.
            }
        }
    }
}
