namespace Meridian.Configuration;

/// <summary>A configuration file is wrong; the message is <c>FILE:LINE: reason</c>.</summary>
public sealed class ConfigException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
