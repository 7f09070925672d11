using System.Globalization;
using System.Text;
using Meridian.Core.Analysis;

namespace Meridian.Commands.Audit;

/// <summary>The audit for people: one row per probe, the verdict, and the lines to fix it.</summary>
public static class AuditText
{
    public static string Format(AuditDocument document)
    {
        AmplificationReport report = document.Report;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"audit of {document.Target} ({document.Address}): {report.Findings.Count} probes, {document.WindowSeconds:0.###} s window each"));
        text.AppendLine(Invariant($"{"probe",-32} {"sent",5} {"packets",7} {"bytes back",10} {"factor",8} {"with IP+UDP",11}"));
        foreach (ProbeFinding f in report.Findings)
        {
            text.AppendLine(Invariant($"{f.Probe,-32} {f.BytesSent,5} {f.PacketsBack,7} {f.BytesBack,10} {f.Factor,8:0.00} {f.FactorWithHeaders,11:0.00}"));
        }

        text.AppendLine(Invariant($"factor: UDP payload bytes back / bytes sent; with IP+UDP: {report.HeaderBytes} header bytes added to every datagram both ways"));
        if (document.RefusedProbes > 0)
        {
            text.AppendLine(Invariant($"note: {document.RefusedProbes} probes got an ICMP port unreachable: is an NTP server listening there?"));
        }

        AppendVerdict(text, report);
        return text.ToString();
    }

    private static void AppendVerdict(StringBuilder text, AmplificationReport report)
    {
        int amplifying = report.Findings.Count(f => f.Amplifies);
        var leaking = report.Findings.Where(f => f.Leaks).Select(f => f.Probe).ToList();
        ProbeFinding? largest = report.Findings.MaxBy(f => f.Factor);
        text.AppendLine(report.Exploitable
            ? Invariant($"verdict: exploitable: {amplifying} of {report.Findings.Count} probes get more bytes back than they send; largest factor {report.MaxFactor:0.00} ({largest?.Probe})")
            : Invariant($"verdict: not exploitable: no probe gets more bytes back than it sends; largest factor {report.MaxFactor:0.00}"));
        text.AppendLine(report.InformationLeak
            ? $"information leak: answered mode 6/7 probes: {string.Join("; ", leaking)}"
            : "information leak: none, no mode 6 or mode 7 probe was answered");
        if (report.Fix.Count == 0)
        {
            text.AppendLine("fix: nothing to change");
            return;
        }

        text.AppendLine("fix, in ntpd's ntp.conf (then restart ntpd):");
        foreach (string line in report.Fix)
        {
            text.AppendLine("    " + line);
        }

        text.AppendLine("Meridian never answers mode 6 or mode 7 on the NTP port (serving policy P3) and accepts the same restrict lines.");
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
