using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Metrics;
using Meridian.Protocol;

namespace Meridian.Tests.Metrics;

public class HistoryRecorderTests
{
    [Fact]
    public void RecordsRatesPerSecond_FromCounterDifferences()
    {
        var history = new HistoryRecorder();
        history.Record(1000, Report(uptime: 10, served: 100, offsetMs: 0.5));
        history.Record(1001, Report(uptime: 12, served: 300, offsetMs: 0.25));
        HistoryRows rows = history.Seconds.Read();
        Assert.Equal(2, rows.Count);
        Assert.True(float.IsNaN(rows[0, HistoryColumns.ServedPerSecond]), "no rate before a second sample");
        Assert.Equal(100f, rows[1, HistoryColumns.ServedPerSecond]);
        Assert.Equal(0.25f, rows[1, HistoryColumns.OffsetMs]);
        Assert.Equal(1.5f, rows[1, HistoryColumns.SourceOffset(0)]);
    }

    [Fact]
    public void ClosesAMinuteAsTheMeanOfItsSeconds_WhenTheNextMinuteBegins()
    {
        var history = new HistoryRecorder();
        for (int s = 0; s < 61; s++)
        {
            history.Record(60_000 + s, Report(uptime: s, served: s * 10, offsetMs: s < 60 ? s : 1000));
        }

        HistoryRows minutes = history.Minutes.Read();
        Assert.Equal([60_000L], minutes.Times);
        Assert.Equal(29.5f, minutes[0, HistoryColumns.OffsetMs]);
        Assert.Equal(10f, minutes[0, HistoryColumns.ServedPerSecond]);
    }

    [Fact]
    public void StatesItsFixedMemory() =>
        Assert.Equal((3601 + 10081) * (8 + (4L * HistoryColumns.Count)), new HistoryRecorder().Bytes);

    [Fact]
    public void JsonHasNullForMissingValues_AndOneArrayPerColumn()
    {
        var history = new HistoryRecorder();
        history.Record(1000, Report(uptime: 1, served: 0, offsetMs: 0.5));
        string json = HistoryDocument.Write(history);
        Assert.Contains("\"servedPerSecond\":[null]", json);
        Assert.Contains("\"offsetMs\":[0.5]", json);
        Assert.Contains("\"sources\":[\"192.0.2.1\",null,", json);
    }

    private static StatusReport Report(double uptime, long served, double offsetMs)
    {
        var drops = Enum.GetValues<DropReason>().Where(r => r != DropReason.None).ToDictionary(r => r, _ => 0L);
        var source = new SourceSnapshot("192.0.2.1", Tally.SystemPeer, "GPS", 1, 'u', 3, 64, 255, 2, 1.5, 0.1);
        var sync = new SyncSnapshot("synchronized", "192.0.2.1", 2, offsetMs, 1, 2, 0.5, LeapIndicator.NoWarning, DisciplineState.Sync, [source]);
        return new StatusReport(sync, new ServingCountersSnapshot(served, served, drops) { Clients = new UniqueCount(3, false, 0) }, uptime, "/run/m.sock");
    }
}
