namespace Meridian.Configuration;

/// <summary>
/// ntpd's monitoring directives: <c>statsdir DIR</c>, <c>statistics NAME…</c> and
/// <c>filegen NAME [file F] [type none|pid|day|week|month|year|age] [link|nolink] [enable|disable]</c>.
/// </summary>
public static class StatisticsParser
{
    private static readonly Dictionary<string, FileGenType> Types = new(StringComparer.Ordinal)
    {
        ["none"] = FileGenType.None,
        ["pid"] = FileGenType.Pid,
        ["day"] = FileGenType.Day,
        ["week"] = FileGenType.Week,
        ["month"] = FileGenType.Month,
        ["year"] = FileGenType.Year,
    };

    /// <summary><c>statistics NAME…</c>: enables each set; a set Meridian does not write gets a warning.</summary>
    public static void ParseStatistics(ConfigLine line, MeridianOptions options)
    {
        do
        {
            FileGenOptions set = Set(line, options, line.Next("a statistics set name"));
            set.Enabled = true;
            WarnIfNotWritten(line, set, options.Warnings);
        }
        while (line.HasMore);
    }

    public static void ParseFileGen(ConfigLine line, MeridianOptions options)
    {
        FileGenOptions set = Set(line, options, line.Next("a statistics set name"));
        while (line.HasMore)
        {
            string option = line.Next("an option");
            switch (option)
            {
                case "file": set.File = FileName(line, line.Next("a file name")); break;
                case "type": set.Type = Type(line, options.Warnings); break;
                case "link": set.Link = true; break;
                case "nolink": set.Link = false; break;
                case "enable": set.Enabled = true; WarnIfNotWritten(line, set, options.Warnings); break;
                case "disable": set.Enabled = false; break;
                default: throw line.Error($"unknown 'filegen' option '{option}' (known: file, type, link, nolink, enable, disable)");
            }
        }
    }

    private static FileGenOptions Set(ConfigLine line, MeridianOptions options, string name)
    {
        if (!FileGenOptions.Known.Contains(name))
        {
            throw line.Error($"unknown statistics set '{name}' (known: {string.Join(", ", FileGenOptions.Known)})");
        }

        FileGenOptions? set = options.FileGens.Find(f => f.Name == name);
        if (set is null)
        {
            set = new FileGenOptions(name);
            options.FileGens.Add(set);
        }

        return set;
    }

    /// <summary>A plain name inside <c>statsdir</c>: no directories, so no file lands outside it.</summary>
    private static string FileName(ConfigLine line, string name) =>
        name.Contains('/') || name is "." or ".." ? throw line.Error($"'file {name}' must be a file name inside 'statsdir', without '/'") : name;

    private static FileGenType Type(ConfigLine line, List<string> warnings)
    {
        string type = line.Next("a file set type");
        if (type == "age")
        {
            warnings.Add(line.Warning("'type age' is not supported: the files are split by UTC day ('type day') instead"));
            return FileGenType.Day;
        }

        return Types.TryGetValue(type, out FileGenType value)
            ? value
            : throw line.Error($"unknown file set type '{type}' (known: none, pid, day, week, month, year, age)");
    }

    private static void WarnIfNotWritten(ConfigLine line, FileGenOptions set, List<string> warnings)
    {
        string warning = line.Warning($"statistics set '{set.Name}' is accepted but not written: Meridian writes only {string.Join(" and ", FileGenOptions.Written)}");
        if (!set.IsWritten && !warnings.Any(w => w.EndsWith(warning.Split(": ", 2)[1], StringComparison.Ordinal)))
        {
            warnings.Add(warning);
        }
    }
}
