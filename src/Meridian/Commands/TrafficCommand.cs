using System.Net;
using Meridian.Core.Analysis.Capture;
using Meridian.Net;

namespace Meridian.Commands;

/// <summary>
/// <c>meridian traffic</c>: bandwidth, distinct clients and monthly egress cost of the NTP traffic of
/// the running server (its counters over the control socket, since start or over a sample period),
/// or, with <c>--pcap FILE</c>, of a tcpdump/tshark capture read as a stream. Bytes are IP lengths
/// (IP + UDP + NTP) in both modes.
/// </summary>
public static class TrafficCommand
{
    public const int ExitNoTraffic = 1;
    public const int ExitUsage = 2;

    public static int Run(TrafficOptions options, TextWriter output, TextWriter error)
    {
        if (options.PricePerGb < 0 || options.SampleSeconds is < 0 or > 3600)
        {
            error.WriteLine("meridian traffic: --price-per-gb must not be negative and --sample must be 0 to 3600 seconds");
            return ExitUsage;
        }

        return options.Pcap is null
            ? LiveTraffic.Run(options, output, error)
            : RunCapture(options.Pcap, options.Port, options.Server, options.PricePerGb, options.Json, output, error);
    }

    private static int RunCapture(string pcap, int port, string? server, double pricePerGb, bool json, TextWriter output, TextWriter error)
    {
        IPAddress? serverAddress = null;
        if (port is < 1 or > 65535 || pricePerGb < 0 || (server is not null && !IPAddress.TryParse(server, out serverAddress)))
        {
            error.WriteLine("meridian traffic: --port must be 1-65535, --server an IP address and --price-per-gb not negative");
            return ExitUsage;
        }

        CaptureTraffic traffic;
        try
        {
            using var stream = new FileStream(pcap, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            if (!StreamCaptureReader.TryOpen(stream, out ICaptureReader reader))
            {
                error.WriteLine($"meridian traffic: {pcap}: not a pcap or pcapng capture");
                return ExitUsage;
            }

            traffic = NtpTrafficAnalyzer.Analyze(reader, (ushort)port, serverAddress);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"meridian traffic: {pcap}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
            return ExitUsage;
        }

        var header = Header(pcap, port, traffic);
        if (traffic.Problem is not null)
        {
            error.WriteLine($"meridian traffic: warning: {pcap}: {traffic.Problem}; the figures cover the packets before it");
        }

        output.Write(json ? TrafficText.Json(traffic.Figures, pricePerGb, header) : TrafficText.Format(traffic.Figures, pricePerGb, header));
        if (traffic.Server is null)
        {
            error.WriteLine($"meridian traffic: {pcap}: no NTP datagrams on port {port}");
            return ExitNoTraffic;
        }

        return 0;
    }

    private static TrafficHeader Header(string pcap, int port, CaptureTraffic traffic)
    {
        var notes = new List<string>
        {
            $"skipped     {TrafficText.Grouped(traffic.Skipped)} of {TrafficText.Grouped(traffic.PacketsRead)} packets: {TrafficText.Grouped(traffic.Undecodable)} not IPv4/IPv6 UDP (or undecodable), "
                + $"{TrafficText.Grouped(traffic.NotOnPort)} not on port {port}, {TrafficText.Grouped(traffic.NotServer)} neither to nor from the server's port {port}",
        };
        if (traffic.Problem is not null)
        {
            notes.Add($"warning     {traffic.Problem}; the figures cover the packets before it");
        }

        return new TrafficHeader("capture", Path.GetFileName(pcap), traffic.Server?.ToString(), port, ServerNote(traffic, port), notes);
    }

    private static string? ServerNote(CaptureTraffic traffic, int port)
    {
        if (!traffic.ServerInferred)
        {
            return null;
        }

        string note = $"inferred: on port {port} in {TrafficText.Grouped(traffic.ServerPackets)} packets";
        return traffic.Ambiguous
            ? $"{note}; ambiguous, {traffic.RunnerUp} in {TrafficText.Grouped(traffic.RunnerUpPackets)}: pass --server"
            : note;
    }
}
