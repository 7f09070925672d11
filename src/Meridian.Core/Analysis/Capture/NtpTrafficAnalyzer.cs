using System.Net;
using System.Runtime.InteropServices;
using Meridian.Core.Serving;

namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// NTP traffic of one server in a capture, in one streaming pass. A datagram to the NTP port is "in"
/// for its destination, one from the NTP port is "out" for its source. Without a given server, every
/// address on the port's side is tallied and the server is the one on the port's side in the most
/// datagrams (ties: the lowest address). Bytes are IP lengths as the IP header states them.
/// Memory grows with distinct addresses only, never with the packet count.
/// </summary>
public sealed class NtpTrafficAnalyzer(ushort port, IPAddress? server)
{
    private readonly UInt128? _server = server is null ? null : Address128.From(server);
    private readonly Dictionary<UInt128, AddressTally> _tallies = [];
    private readonly HashSet<(UInt128 Client, UInt128 Server)> _pairs = [];
    private long _read;
    private long _undecodable;
    private long _notOnPort;
    private long _onPort;

    /// <summary>Reads the whole capture (until its end or its first damaged record).</summary>
    public static CaptureTraffic Analyze(ICaptureReader reader, ushort port, IPAddress? server)
    {
        var analyzer = new NtpTrafficAnalyzer(port, server);
        CaptureReadStatus status;
        while ((status = reader.Read(out CapturedPacket packet)) == CaptureReadStatus.Packet)
        {
            analyzer.Add(packet);
        }

        return analyzer.Finish(status == CaptureReadStatus.End ? null : reader.Problem);
    }

    public void Add(in CapturedPacket packet)
    {
        _read++;
        if (!PacketDecoder.TryDecode(packet.LinkType, packet.Data, out UdpDatagram d))
        {
            _undecodable++;
            return;
        }

        bool toPort = d.DestinationPort == port;
        bool fromPort = d.SourcePort == port;
        if (!toPort && !fromPort)
        {
            _notOnPort++;
            return;
        }

        _onPort++;
        if (toPort && IsCandidate(d.Destination))
        {
            ref AddressTally tally = ref Tally(d.Destination, d.Source, packet);
            tally.PacketsIn++;
            tally.BytesIn += d.IpLength;
        }

        if (fromPort && IsCandidate(d.Source))
        {
            ref AddressTally tally = ref Tally(d.Source, d.Destination, packet);
            tally.PacketsOut++;
            tally.BytesOut += d.IpLength;
        }
    }

    public CaptureTraffic Finish(string? problem)
    {
        var ranked = _tallies.OrderByDescending(t => t.Value.Packets).ThenBy(t => t.Key).Take(2).ToList();
        UInt128? chosen = _server ?? (ranked.Count > 0 ? ranked[0].Key : null);
        AddressTally s = chosen is UInt128 key ? _tallies.GetValueOrDefault(key) : default;
        long clients = chosen is UInt128 c ? _pairs.Count(p => p.Server == c && p.Client != c) : 0;
        var figures = new TrafficFigures(s.PacketsIn, s.PacketsOut, s.BytesIn, s.BytesOut, s.Seconds, UniqueCount.Exact(clients));
        var runnerUp = _server is null && ranked.Count > 1 ? ranked[1] : default;
        return new CaptureTraffic(
            figures,
            chosen is UInt128 address ? Address128.ToAddress(address) : null,
            ServerInferred: _server is null && chosen is not null,
            RunnerUp: runnerUp.Value.Packets > 0 ? Address128.ToAddress(runnerUp.Key) : null,
            runnerUp.Value.Packets,
            s.Packets,
            _read,
            _undecodable,
            _notOnPort,
            NotServer: Math.Max(0, _onPort - s.Packets),
            problem);
    }

    private bool IsCandidate(UInt128 address) => _server is not UInt128 given || address == given;

    private ref AddressTally Tally(UInt128 portSide, UInt128 peer, in CapturedPacket packet)
    {
        _pairs.Add((peer, portSide));
        ref AddressTally tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_tallies, portSide, out _);
        if (packet.HasTimestamp)
        {
            tally.See(packet.TimestampNanoseconds);
        }

        return ref tally;
    }
}
