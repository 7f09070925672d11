using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Meridian.Control;
using Meridian.Core.Analysis;
using Meridian.Core.Serving;

namespace Meridian.Commands;

/// <summary>
/// <c>meridian audit HOST[:PORT]</c>: sends the probes reflection scanners send (monlist, mode 6,
/// old and padded client queries), one at a time from a fresh socket, counts what comes back within
/// the window and says whether the server can be used to amplify an attack. For servers you run.
/// </summary>
public static class AuditCommand
{
    public const int ExitNotExploitable = 0;
    public const int ExitExploitable = 1;
    public const int ExitUsage = 2;

    public static int Run(AuditUsage usage, TextWriter output, TextWriter error)
    {
        if (!usage.TryValidate(out ServerName target, out TimeSpan window, out string problem))
        {
            error.WriteLine($"meridian audit: {problem}");
            error.WriteLine("usage: meridian audit HOST[:PORT] [--timeout SECONDS] [--json]");
            return ExitUsage;
        }

        IPEndPoint? endPoint = Resolve(target, error);
        if (endPoint is null)
        {
            return ExitUsage;
        }

        AuditDocument document;
        try
        {
            document = Audit(target, endPoint, window);
        }
        catch (SocketException e)
        {
            error.WriteLine($"meridian audit: cannot send to {endPoint}: {e.Message}");
            return ExitUsage;
        }

        output.Write(usage.Json ? JsonSerializer.Serialize(document, ControlJson.Text.AuditDocument) + "\n" : AuditText.Format(document));
        return document.Report.Exploitable ? ExitExploitable : ExitNotExploitable;
    }

    private static AuditDocument Audit(ServerName target, IPEndPoint endPoint, TimeSpan window)
    {
        var results = new List<ProbeResult>();
        int refused = 0;
        foreach (AmplificationProbe probe in AmplificationProbes.All)
        {
            ProbeExchange.Outcome outcome = ProbeExchange.Run(endPoint, probe.Request.Span, window);
            results.Add(new ProbeResult(probe, outcome.Packets, outcome.Bytes));
            refused += outcome.Refused ? 1 : 0;
        }

        int headers = endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? ServingCounters.IPv6UdpOverhead : ServingCounters.IPv4UdpOverhead;
        return new AuditDocument(target.ToString(), endPoint.ToString(), window.TotalSeconds, refused, AmplificationAudit.Evaluate(results, headers));
    }

    /// <summary>The first IPv4 address of the target, else its first IPv6 address (resolved as for <c>query</c>).</summary>
    private static IPEndPoint? Resolve(ServerName target, TextWriter error) =>
        QueryCommand.TryResolve(target, "audit", error, out IReadOnlyList<IPEndPoint> addresses)
            ? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0]
            : null;
}
