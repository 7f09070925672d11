namespace Meridian.Configuration;

/// <summary>
/// What a reload changes, as effective-configuration lines (<see cref="ConfigWriter"/>) added
/// (<c>+ </c>) and removed (<c>- </c>): those a running server applies live — <c>restrict</c>,
/// <c>ratelimit</c>, <c>discard</c>, <c>server</c>, <c>pool</c>, <c>logfile</c>, <c>ntsservercert</c>/<c>ntsserverkey</c>, <c>leapfile</c> (the last three re-read at every reload) — and the rest,
/// which need a restart (<c>listen</c>, <c>driftfile</c>, <c>controlsocket</c>, <c>tos</c>, …).
/// </summary>
public sealed record ConfigChanges(IReadOnlyList<string> Live, IReadOnlyList<string> NeedRestart)
{
    public static readonly IReadOnlySet<string> LiveDirectives =
        new HashSet<string>(StringComparer.Ordinal) { "restrict", "ratelimit", "discard", "server", "pool", "logfile", "ntsservercert", "ntsserverkey", "leapfile" };

    public static ConfigChanges Between(MeridianOptions running, MeridianOptions next)
    {
        List<string> before = Lines(running);
        List<string> after = Lines(next);
        var changed = Removed(before, after).Select(l => "- " + l).Concat(Removed(after, before).Select(l => "+ " + l)).ToList();
        return new ConfigChanges(
            changed.Where(c => IsLive(c[2..])).ToList(),
            changed.Where(c => !IsLive(c[2..])).ToList());
    }

    public static bool IsLive(string line) => LiveDirectives.Contains(line.Split(' ', 2)[0]);

    /// <summary>The directive lines, comments dropped (the defaults' <c># default</c> note too).</summary>
    private static List<string> Lines(MeridianOptions options) =>
        ConfigWriter.Write(options).Split('\n')
            .Select(l => l.Split('#', 2)[0].Trim())
            .Where(l => l.Length > 0)
            .ToList();

    /// <summary>The lines of <paramref name="from"/> not in <paramref name="other"/>, counting repeats.</summary>
    private static IEnumerable<string> Removed(List<string> from, List<string> other)
    {
        var remaining = new List<string>(other);
        foreach (string line in from)
        {
            if (!remaining.Remove(line))
            {
                yield return line;
            }
        }
    }
}
