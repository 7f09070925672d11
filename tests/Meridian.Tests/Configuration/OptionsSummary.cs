using System.Globalization;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary>Every parsed value of <see cref="MeridianOptions"/> as comparable lines, written independently of ConfigWriter.</summary>
internal static class OptionsSummary
{
    public static IReadOnlyList<string> Of(MeridianOptions o)
    {
        var lines = new List<string>();
        lines.AddRange(o.Upstreams.Select(u =>
            $"upstream {u.Kind} {u.Host} port={u.Port} iburst={u.Iburst} burst={u.Burst} prefer={u.Prefer} " +
            $"noselect={u.NoSelect} poll={u.MinPoll}..{u.MaxPoll} version={u.Version} maxsources={u.MaxSources} nts={u.Nts} ntsport={u.NtsPort}"));
        lines.AddRange(o.Restrictions.Select(r => $"restrict {r.Target} {r.Family} {r.Address}/{r.PrefixLength} {r.Flags}"));
        lines.AddRange(o.EffectiveListen.Select(e => $"listen {e}"));
        lines.Add($"files drift={o.DriftFile} leap={o.LeapFile} log={o.LogFile} control={o.ControlSocket}");
        lines.Add($"local {o.LocalStratum} served {o.LocalClockStratum}");
        lines.Add($"statsdir {o.StatsDir}");
        lines.AddRange(o.FileGens.Select(f => $"filegen {f.Name} file={f.File} type={f.Type} link={f.Link} enabled={f.Enabled}"));
        lines.AddRange(o.Interfaces.Select(i => $"interface {i.Action} {i.Match} {i.Name} {i.Address}/{i.PrefixLength}"));
        lines.AddRange(Tuning("tos", o.Tos));
        lines.AddRange(Tuning("tinker", o.Tinker));
        lines.AddRange(Tuning("discard", o.Discard));
        lines.AddRange(Tuning("ratelimit", o.RateLimit));
        lines.Add($"enable {string.Join(',', o.Enable)}");
        lines.Add($"disable {string.Join(',', o.Disable)}");
        return lines;
    }

    private static IEnumerable<string> Tuning(string directive, List<TuningValue> values) =>
        values.Select(v => $"{directive} {v.Key}={v.Value.ToString("R", CultureInfo.InvariantCulture)}");
}
