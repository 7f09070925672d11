using BenchmarkDotNet.Attributes;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Benchmarks;

/// <summary>The decision half of the hot path: classify + respond + stamp, per request kind.</summary>
[MemoryDiagnoser]
public class ServingPathBenchmarks
{
    private readonly byte[] _transmit = new byte[65536];
    private readonly NetEndpoint _client = NetEndpoint.FromIPv4(0xC0000201, 40123);
    private readonly NetEndpoint _server = NetEndpoint.FromIPv4(0xC0000202, 123);
    private readonly NtpTimestamp _receive = new(0xEA00_0000_1000_0000);
    private ServerState _state = null!;
    private ServingPath _path = null!;
    private ServingPath _limitedPath = null!;
    private long _nanoseconds = 1_000_000_000_000;
    private byte[] _client48 = null!;
    private byte[] _clientWithField = null!;
    private byte[] _monlist = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = ServerState.LocalClock(1, -20, _receive);
        _path = new ServingPath(new RequestClassifier([]), new ServingCounters());
        var access = new AccessList(
        [
            new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited | AccessFlags.Kod),
            new AccessRule(NetEndpoint.FromIPv4(0x7F000001, 0), 32, AccessFlags.None),
        ]);
        var policy = new ServingPolicy(access, new RateLimiter(new RateLimitOptions(), 0x1234, 0x5678), null, 7);
        _limitedPath = new ServingPath(new RequestClassifier([]), new ServingCounters(), policy);
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

    /// <summary>The default policy: access list, then the rate limiter (a returning client polling every 5 s).</summary>
    [Benchmark]
    public int ClientRequestUnderDefaultPolicy()
    {
        _nanoseconds += 5_000_000_000;
        int length = _limitedPath.Handle(_client48, _transmit, _client, _server, _receive, new MonotonicTime(_nanoseconds), _state);
        Responder.StampTransmit(_transmit.AsSpan(0, length), _receive);
        return length;
    }

    private int Serve(byte[] request)
    {
        int length = _path.Handle(request, _transmit, _client, _server, _receive, default, _state);
        if (_path.MaySend(length, request.Length))
        {
            Responder.StampTransmit(_transmit.AsSpan(0, length), _receive);
        }

        return length;
    }
}
