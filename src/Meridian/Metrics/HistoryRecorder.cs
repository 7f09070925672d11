using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;

namespace Meridian.Metrics;

/// <summary>
/// The server's history in fixed memory: one row a second for the last hour and one a minute (the
/// mean of its seconds) for the last 7 days. One writer calls <see cref="Record"/>; any thread reads.
/// Memory: (3601 + 10081) × (8 + 4 × <see cref="HistoryColumns.Count"/>) bytes = 3.07 MB with 54 columns, see <see cref="Bytes"/>.
/// </summary>
public sealed class HistoryRecorder
{
    public const int SecondsKept = 3600;
    public const int MinutesKept = 7 * 24 * 60;

    private readonly string?[] _sources = new string?[HistoryColumns.SourceSlots];
    private readonly float[] _row = new float[HistoryColumns.Count];
    private readonly double[] _minuteSum = new double[HistoryColumns.Count];
    private readonly int[] _minuteCount = new int[HistoryColumns.Count];
    private readonly float[] _minuteRow = new float[HistoryColumns.Count];
    private long _minute = long.MinValue;
    private StatusReport? _previous;
    private double _previousUptime;

    public HistoryRing Seconds { get; } = new(SecondsKept, HistoryColumns.Count);

    public HistoryRing Minutes { get; } = new(MinutesKept, HistoryColumns.Count);

    public long Bytes => Seconds.Bytes + Minutes.Bytes;

    /// <summary>The source in each slot (null for a free slot).</summary>
    public IReadOnlyList<string?> Sources => _sources;

    /// <summary>Writer only: one sample, about a second after the last.</summary>
    public void Record(long unixSeconds, StatusReport report)
    {
        Array.Fill(_row, float.NaN);
        SyncSnapshot sync = report.Sync;
        _row[HistoryColumns.OffsetMs] = (float)sync.OffsetMs;
        _row[HistoryColumns.FrequencyPpm] = (float)sync.FrequencyPpm;
        _row[HistoryColumns.Clients] = report.Counters.Clients.Value;
        if (_previous is not null && report.UptimeSeconds > _previousUptime)
        {
            Rates(report.Counters, _previous.Counters, report.UptimeSeconds - _previousUptime);
        }

        foreach (SourceSnapshot source in sync.Sources)
        {
            int slot = Slot(source.Remote);
            if (slot >= 0 && source.WhenSeconds is not null)
            {
                _row[HistoryColumns.SourceOffset(slot)] = (float)source.OffsetMs;
                _row[HistoryColumns.SourceOffset(slot) + 1] = (float)source.DelayMs;
                _row[HistoryColumns.SourceOffset(slot) + 2] = (float)source.JitterMs;
            }
        }

        Seconds.Append(unixSeconds, _row);
        AddToMinute(unixSeconds);
        _previous = report;
        _previousUptime = report.UptimeSeconds;
    }

    private void Rates(ServingCountersSnapshot now, ServingCountersSnapshot before, double seconds)
    {
        _row[HistoryColumns.ReceivedPerSecond] = Rate(now.Received, before.Received, seconds);
        _row[HistoryColumns.ServedPerSecond] = Rate(now.Served, before.Served, seconds);
        _row[HistoryColumns.DroppedPerSecond] = Rate(now.DroppedTotal, before.DroppedTotal, seconds);
        _row[HistoryColumns.KodsPerSecond] = Rate(now.KodsSent, before.KodsSent, seconds);
        _row[HistoryColumns.BytesInPerSecond] = Rate(now.BytesReceived, before.BytesReceived, seconds);
        _row[HistoryColumns.BytesOutPerSecond] = Rate(now.BytesSent, before.BytesSent, seconds);
        for (int i = 0; i < HistoryColumns.DropReasons.Count; i++)
        {
            DropReason reason = HistoryColumns.DropReasons[i];
            _row[HistoryColumns.FirstDropReason + i] = Rate(now.Drops.GetValueOrDefault(reason), before.Drops.GetValueOrDefault(reason), seconds);
        }
    }

    private static float Rate(long now, long before, double seconds) => (float)((now - before) / seconds);

    private int Slot(string source)
    {
        int free = -1;
        for (int i = 0; i < _sources.Length; i++)
        {
            if (_sources[i] == source)
            {
                return i;
            }

            free = free < 0 && _sources[i] is null ? i : free;
        }

        if (free >= 0)
        {
            Volatile.Write(ref _sources[free], source);
        }

        return free;
    }

    /// <summary>Closes the minute when the clock enters the next one; a minute row is the mean of the seconds that have a value.</summary>
    private void AddToMinute(long unixSeconds)
    {
        long minute = unixSeconds / 60;
        if (minute != _minute && _minute != long.MinValue && _minuteCount.Any(c => c > 0))
        {
            float[] row = _minuteRow;
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = _minuteCount[i] == 0 ? float.NaN : (float)(_minuteSum[i] / _minuteCount[i]);
            }

            Minutes.Append(_minute * 60, row);
            Array.Clear(_minuteSum);
            Array.Clear(_minuteCount);
        }

        _minute = minute;
        for (int i = 0; i < _row.Length; i++)
        {
            if (!float.IsNaN(_row[i]))
            {
                _minuteSum[i] += _row[i];
                _minuteCount[i]++;
            }
        }
    }
}
