using System.Globalization;
using System.Text;
using Meridian.Core.Sync;

namespace Meridian.Commands.Peers;

/// <summary>The text of <c>meridian peers</c>: the columns and widths of <c>ntpq -p</c>.</summary>
public static class PeersTable
{
    public const string Header = "     remote           refid      st t when poll reach   delay   offset  jitter";

    public static readonly string Separator = new('=', Header.Length);

    private const int NameWidth = 15;

    public static string Format(SyncSnapshot sync)
    {
        var text = new StringBuilder().Append(Header).Append('\n').Append(Separator).Append('\n');
        foreach (SourceSnapshot source in sync.Sources)
        {
            text.Append(Row(source)).Append('\n');
        }

        foreach (SourceSnapshot source in sync.Sources.Where(s => s.Failure is not null))
        {
            text.Append(source.Remote).Append(": unreachable: ").Append(source.Failure).Append('\n');
        }

        foreach (SourceSnapshot source in sync.Sources.Where(s => s.Nts && s.Failure is null))
        {
            text.Append(source.Remote).Append(source.Authenticated ? ": NTS, authenticated" : ": NTS, no authenticated reply yet").Append('\n');
        }

        return text.ToString();
    }

    public static string Row(SourceSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.TallyCode}{Fit(s.Remote)} {Fit(s.ReferenceId)} {s.Stratum,2} {s.Type} {When(s.WhenSeconds),4} {Interval((long)s.PollSeconds),4}  {Convert.ToString(s.Reach, 8),3}  {s.DelayMs,7:0.000} {s.OffsetMs,8:0.000} {s.JitterMs,7:0.000}");

    /// <summary>Seconds since the last response; "-" when there was none.</summary>
    public static string When(double? seconds) =>
        seconds is double s ? Interval((long)Math.Floor(Math.Max(0, s))) : "-";

    /// <summary>Like ntpq: seconds up to 2048, then rounded minutes up to 300, hours up to 96, then days.</summary>
    public static string Interval(long seconds)
    {
        if (seconds <= 2048)
        {
            return seconds.ToString(CultureInfo.InvariantCulture);
        }

        long minutes = (seconds + 29) / 60;
        if (minutes <= 300)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        long hours = (minutes + 29) / 60;
        return hours <= 96
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}h")
            : string.Create(CultureInfo.InvariantCulture, $"{(hours + 11) / 24}d");
    }

    private static string Fit(string text) => text.Length > NameWidth ? text[..NameWidth] : text.PadRight(NameWidth);
}
