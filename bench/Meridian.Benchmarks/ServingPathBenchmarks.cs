using BenchmarkDotNet.Attributes;
using Meridian.Core;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Benchmarks;

/// <summary>The decision half of the hot path: classify + respond + stamp, per request kind.</summary>
[MemoryDiagnoser]
public class ServingPathBenchmarks
{
    private readonly byte[] _transmit = new byte[65536];
    private readonly NetEndpoint _client = NetEndpoint.FromIPv4(0xC0000201, 40123);
    private readonly NetEndpoint _server = NetEndpoint.FromIPv4(0xC0000202, 123);
    private readonly NtpTimestamp _receive = new(0xEA00_0000_1000_0000);
    private ServingPath _path = null!;
    private byte[] _client48 = null!;
    private byte[] _clientWithField = null!;
    private byte[] _monlist = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = new ServingPath(new RequestClassifier([]), new ServerStateCell(ServerState.LocalClock(1, -20, _receive)), new ServingCounters());
        _client48 = new byte[NtpHeader.Size];
        _client48[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        _clientWithField = new byte[NtpHeader.Size + 28];
        _client48.CopyTo(_clientWithField, 0);
        _clientWithField[NtpHeader.Size + 3] = 28;
        _monlist = new byte[NtpHeader.Size];
        _monlist[0] = 0x17;
        _monlist[2] = 3;
        _monlist[3] = 42;
    }

    [Benchmark(Baseline = true)]
    public int ClientRequest() => Serve(_client48);

    [Benchmark]
    public int ClientRequestWithExtensionField() => Serve(_clientWithField);

    [Benchmark]
    public int MonlistProbeDropped() => Serve(_monlist);

    private int Serve(byte[] request)
    {
        int length = _path.Handle(request, _transmit, _client, _server, _receive, default);
        if (_path.MaySend(length, request.Length))
        {
            Responder.StampTransmit(_transmit.AsSpan(0, length), _receive);
        }

        return length;
    }
}
