using System.Net;

namespace Meridian.Commands.Traffic;

/// <summary>What <c>meridian traffic</c> was asked: a capture file or the running server, and how to price and print.</summary>
/// <param name="Server">Capture mode: the server's address, or null to infer it.</param>
/// <param name="SampleSeconds">Live mode: 0 for the figures since the server started, otherwise the rates over this many seconds from now.</param>
public sealed record TrafficOptions(string? Pcap, int Port, IPAddress? Server, double PricePerGb, bool Json, double SampleSeconds)
{
    /// <summary>The longest live sample.</summary>
    public const double MaxSampleSeconds = 3600;

    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static TrafficOptions? TryCreate(string? pcap, int port, string? server, double pricePerGb, bool json, double sampleSeconds, out string problem)
    {
        IPAddress? serverAddress = null;
        problem = pricePerGb < 0 || sampleSeconds is < 0 or > MaxSampleSeconds
                ? "--price-per-gb must not be negative and --sample must be 0 to 3600 seconds"
            : pcap is not null && (port is < 1 or > 65535 || (server is not null && !IPAddress.TryParse(server, out serverAddress)))
                ? "--port must be 1-65535, --server an IP address and --price-per-gb not negative"
            : "";
        return problem.Length == 0 ? new TrafficOptions(pcap, port, serverAddress, pricePerGb, json, sampleSeconds) : null;
    }
}
