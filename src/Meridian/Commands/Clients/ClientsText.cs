using System.Globalization;
using System.Text;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Commands.Clients;

/// <summary>The abuse report as text sections or CSV.</summary>
public static class ClientsText
{
    private const string Header = "address                                   packets      pps  first(s)   last(s)  drops  kods  mingap(ms)  interval(s)";

    public static string Format(ClientsReportDocument document)
    {
        ClientReport report = document.Report;
        var text = new StringBuilder();
        text.AppendLine($"clients from {document.Source}: {report.Tracked} tracked; complete for the last {report.CompleteForSeconds:0} s");
        Section(text, "by packets per second", report.ByRate);
        Section(text, $"burst clients ({ClientReport.BurstMinPackets}-{ClientReport.BurstMaxPackets} packets within {ClientReport.BurstWindowSeconds} s)", report.BurstClients);
        Section(text, $"rapid fire (two requests within {ClientReport.RapidFireSeconds * 1000:0} ms)", report.RapidFire);
        return text.ToString();
    }

    public static string Csv(ClientReport report)
    {
        var text = new StringBuilder("address,packets,pps,first_seen_ago_s,last_seen_ago_s,drops,kods,min_gap_ms,interval_s,burst,rapid_fire\n");
        foreach (ClientObservation c in report.ByRate)
        {
            text.AppendLine(string.Join(',',
                c.Address, c.Packets, Number(c.PacketsPerSecond, "0.000"), Number(c.FirstSeenAgo, "0.000"), Number(c.LastSeenAgo, "0.000"),
                c.Drops, c.Kods, c.MinGapSeconds is double g ? Number(g * 1000, "0") : "", c.IntervalSeconds is double i ? Number(i, "0.0") : "",
                ClientReport.IsBurst(c) ? "1" : "0", ClientReport.IsRapidFire(c) ? "1" : "0"));
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ClientObservation> clients)
    {
        text.AppendLine().AppendLine($"{title}: {clients.Count}");
        if (clients.Count == 0)
        {
            return;
        }

        text.AppendLine(Header);
        foreach (ClientObservation c in clients)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Address,-40} {c.Packets,8} {c.PacketsPerSecond,8:0.000} {c.FirstSeenAgo,9:0.0} {c.LastSeenAgo,9:0.0} {c.Drops,6} {c.Kods,5} {(c.MinGapSeconds is double g ? (g * 1000).ToString("0", CultureInfo.InvariantCulture) : "-"),11} {(c.IntervalSeconds is double i ? i.ToString("0.0", CultureInfo.InvariantCulture) : "-"),12}"));
        }
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
