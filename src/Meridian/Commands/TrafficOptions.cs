namespace Meridian.Commands;

/// <summary>What <c>meridian traffic</c> was asked: a capture file or the running server, and how to price and print.</summary>
/// <param name="SampleSeconds">Live mode: 0 for the figures since the server started, otherwise the rates over this many seconds from now.</param>
public sealed record TrafficOptions(string? Pcap, int Port, string? Server, double PricePerGb, bool Json, string Socket, double SampleSeconds);
