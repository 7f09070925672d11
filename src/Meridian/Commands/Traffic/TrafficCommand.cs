using System.CommandLine;
using System.Net;
using Meridian.Commands.Control;
using Meridian.Core.Analysis.Capture;
using Meridian.Net;

namespace Meridian.Commands.Traffic;

/// <summary>
/// <c>meridian traffic</c>: bandwidth, distinct clients and monthly egress cost of the NTP traffic of
/// the running server (its counters over the control socket, since start or over a sample period),
/// or, with <c>--pcap FILE</c>, of a tcpdump/tshark capture read as a stream. Bytes are IP lengths
/// (IP + UDP + NTP) in both modes.
/// </summary>
public static class TrafficCommand
{
    public const int ExitNoTraffic = 1;
    public const int ExitUsage = CommandLine.ExitUsage;

    public static Command Build()
    {
        var pcap = new Option<string?>("--pcap") { Description = "read a tcpdump/tshark capture (pcap or pcapng) instead of the running server", HelpName = "FILE" };
        var port = new Option<int>("--port") { Description = "the NTP port (default 123)", DefaultValueFactory = _ => 123 };
        var server = new Option<string?>("--server") { Description = "the server's address (default: inferred, the address on the port's side of the most packets)", HelpName = "ADDR" };
        var price = new Option<double>("--price-per-gb") { Description = "outbound price per GB (10^9 bytes), default 0.12", DefaultValueFactory = _ => 0.12 };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON" };
        var socket = new ControlSocketOptions();
        var sample = new Option<double>("--sample")
        {
            Description = "live mode: rates over the next SECONDS (two readings that far apart) instead of since the server started",
            HelpName = "SECONDS",
        };
        var command = new Command(
            "traffic",
            "NTP bandwidth, distinct clients and monthly egress cost of the running server, or of a capture with --pcap")
        {
            pcap, port, server, price, json, socket.Socket, socket.Config, sample,
        };
        command.SetAction(result =>
        {
            TrafficOptions? options = TrafficOptions.TryCreate(
                result.GetValue(pcap), result.GetValue(port), result.GetValue(server), result.GetValue(price), result.GetValue(json), result.GetValue(sample), out string problem);
            return options is null
                ? CommandLine.UsageError("traffic", problem)
                : socket.Run(result, "traffic", path => Run(options, path, Console.Out, Console.Error));
        });
        return command;
    }

    /// <summary>Runs with validated options; <paramref name="socketPath"/> is the running server's control socket (live mode).</summary>
    public static int Run(TrafficOptions options, string socketPath, TextWriter output, TextWriter error) =>
        options.Pcap is null
            ? LiveTraffic.Run(options, socketPath, output, error)
            : RunCapture(options.Pcap, options.Port, options.Server, options.PricePerGb, options.Json, output, error);

    private static int RunCapture(string pcap, int port, IPAddress? serverAddress, double pricePerGb, bool json, TextWriter output, TextWriter error)
    {
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
