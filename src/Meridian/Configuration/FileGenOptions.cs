namespace Meridian.Configuration;

/// <summary>
/// One statistics file set, from <c>statistics NAME</c> and <c>filegen NAME [file F] [type T] [link|nolink] [enable|disable]</c>,
/// with ntpd's defaults: file NAME, type day, link, and enabled only when a line says so.
/// </summary>
public sealed class FileGenOptions(string name)
{
    /// <summary>The sets Meridian writes; the others are accepted with a warning.</summary>
    public static readonly IReadOnlyList<string> Written = ["loopstats", "peerstats"];

    /// <summary>Every set name ntpd and NTPsec know.</summary>
    public static readonly IReadOnlyList<string> Known =
        ["loopstats", "peerstats", "clockstats", "rawstats", "sysstats", "protostats", "cryptostats", "timingstats", "usestats"];

    public string Name { get; } = name;

    /// <summary>The file name within <c>statsdir</c> (no directories).</summary>
    public string File { get; set; } = name;

    public FileGenType Type { get; set; } = FileGenType.Day;

    /// <summary>Keep <c>File</c> itself pointing at the current member of the set.</summary>
    public bool Link { get; set; } = true;

    public bool Enabled { get; set; }

    public bool IsWritten => Written.Contains(Name);
}
