namespace Meridian.Configuration;

/// <summary>
/// A configuration file is wrong; the message is <c>FILE:LINE: reason</c>, one line per error when
/// a file has several (<see cref="Errors"/>: every error of the file, not only the first).
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, int line, string reason)
        : base($"{file}:{line}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
        Errors = [this];
    }

    /// <summary>Several errors; <see cref="File"/>, <see cref="Line"/> and <see cref="Reason"/> are the first's.</summary>
    public ConfigException(IReadOnlyList<ConfigException> errors)
        : base(string.Join('\n', errors.Select(e => e.Message)))
    {
        File = errors[0].File;
        Line = errors[0].Line;
        Reason = errors[0].Reason;
        Errors = errors;
    }

    public string File { get; }

    public int Line { get; }

    public string Reason { get; }

    /// <summary>Each error, in file order (included files where they were included).</summary>
    public IReadOnlyList<ConfigException> Errors { get; }
}
