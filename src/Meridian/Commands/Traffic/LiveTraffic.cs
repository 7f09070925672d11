using System.Globalization;
using Meridian.Commands.Control;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Commands.Traffic;

/// <summary>
/// The live half of <c>meridian traffic</c>: the running server's packet and wire-byte counters and
/// distinct clients from <c>meridian status</c>, over its uptime or, with a sample period, the
/// difference of two readings that far apart.
/// </summary>
public static class LiveTraffic
{
    public static int Run(TrafficOptions options, string socketPath, TextWriter output, TextWriter error)
    {
        try
        {
            StatusReport first = ControlClient.Query(socketPath, "status");
            TrafficFigures figures = SinceStart(first);
            string period = "since start";
            var notes = new List<string>();
            if (options.SampleSeconds > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(options.SampleSeconds));
                figures = Between(first, ControlClient.Query(socketPath, "status"));
                period = string.Create(CultureInfo.InvariantCulture, $"sample of {options.SampleSeconds:0.##} s");
                notes.Add("note        distinct clients are counted since start (a set cannot be subtracted)");
            }

            string server = first.Listening.Count > 0 ? string.Join(", ", first.Listening) : "the running server";
            var header = new TrafficHeader("live", $"{socketPath} ({period})", server, null, null, notes);
            output.Write(options.Json ? TrafficText.Json(figures, options.PricePerGb, header) : TrafficText.Format(figures, options.PricePerGb, header));
            return 0;
        }
        catch (ControlSocketException e)
        {
            error.WriteLine($"meridian traffic: {e.Message}");
            return ControlCommand.ExitUnreachable;
        }
    }

    /// <summary>Datagrams received are "in", replies sent "out"; the period is the server's uptime.</summary>
    public static TrafficFigures SinceStart(StatusReport report) => new(
        report.Counters.Received,
        report.Counters.Served,
        report.Counters.BytesReceived,
        report.Counters.BytesSent,
        report.UptimeSeconds,
        report.Counters.Clients);

    /// <summary>The traffic between two readings; the distinct clients are those of the later one.</summary>
    public static TrafficFigures Between(StatusReport earlier, StatusReport later)
    {
        TrafficFigures a = SinceStart(earlier);
        TrafficFigures b = SinceStart(later);
        return new TrafficFigures(
            b.PacketsIn - a.PacketsIn, b.PacketsOut - a.PacketsOut, b.BytesIn - a.BytesIn, b.BytesOut - a.BytesOut, b.Seconds - a.Seconds, b.Clients);
    }
}
