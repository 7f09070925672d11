using System.Net;
using BenchmarkDotNet.Attributes;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Metrics;
using Meridian.Protocol;

namespace Meridian.Benchmarks;

/// <summary>
/// What one scrape costs the server: the client mix over a full default table (one pass, the part
/// that grows with the table), and a whole GET /metrics over loopback against the real endpoint
/// (Kestrel, the instruments, OpenTelemetry's exporter) with four sources. Allocations are the
/// process's (the exporter works on thread-pool threads).
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls [GlobalCleanup], which disposes them")]
public class ScrapeBenchmarks
{
    private readonly HttpClient _http = new();
    private ClientTable _table = null!;
    private MeridianInstruments _instruments = null!;
    private MetricsEndpoint _endpoint = null!;
    private Uri _metrics = null!;

    [GlobalSetup]
    public void Setup()
    {
        _table = new ClientTable(1 << 20, 1, 2);
        for (ulong key = 1; key <= 1 << 20; key++)
        {
            ref ClientRecord record = ref _table.Find(key * 0x9E3779B97F4A7C15UL, (uint)key, out _);
            record.Packets = (uint)(key % 1000) + 1;
            record.IntervalSixteenths = (ushort)(key % 2048 * 16);
        }

        StatusReport report = Report(_table);
        _instruments = new MeridianInstruments(() => report);
        _endpoint = MetricsEndpoint.Start(new MetricsOptions(new IPEndPoint(IPAddress.Loopback, 0), []), _instruments, () => report, new HistoryRecorder(), _ => throw new InvalidOperationException());
        _metrics = new Uri(_endpoint.Address, "metrics");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _endpoint.Dispose();
        _instruments.Dispose();
        _http.Dispose();
    }

    [Benchmark]
    public ClientMix ClientMixOfAFullTable() => ClientMix.Measure([_table]);

    [Benchmark]
    public int ScrapeOverHttp() => _http.GetStringAsync(_metrics).GetAwaiter().GetResult().Length;

    private static StatusReport Report(ClientTable table)
    {
        var drops = Enum.GetValues<DropReason>().Where(r => r != DropReason.None).ToDictionary(r => r, r => (long)r * 1000);
        var sources = Enumerable.Range(1, 4).Select(i => new SourceSnapshot($"192.0.2.{i}", Tally.Candidate, "GPS", 1, 'u', 5, 64, 255, 1.5, 0.02 * i, 0.01)).ToList();
        var sync = new SyncSnapshot("synchronized", "192.0.2.1", 2, 0.012, -3.2, 1.5, 0.4, LeapIndicator.NoWarning, DisciplineState.Sync, sources);
        var counters = new ServingCountersSnapshot(123_456_789, 120_000_000, drops) { KodsSent = 1000, BytesReceived = 9_876_543_210, BytesSent = 9_000_000_000, Clients = new UniqueCount(250_000, true, 0.008) };
        return new StatusReport(sync, counters, 86_400, "/run/meridian.sock")
        {
            Clients = new ClientTableStats(table.Occupancy, table.Capacity, table.Evictions) { Mix = ClientMix.Measure([table]) },
            Runtime = RuntimeStats.Now(),
            Listening = ["0.0.0.0:123"],
        };
    }
}
