namespace Meridian.Metrics;

/// <summary>
/// A fixed-memory ring of rows (a Unix time and <see cref="Columns"/> float values) with one writer.
/// Readers copy without a lock: the writer publishes a row by advancing <c>_written</c> after filling
/// it, and a reader drops the rows the writer may have overwritten while it copied them.
/// One spare slot takes the row being written, so all <see cref="Capacity"/> rows stay readable.
/// Memory: <c>(Capacity + 1) × (8 + 4 × Columns)</c> bytes, allocated once.
/// </summary>
public sealed class HistoryRing
{
    private readonly long[] _times;
    private readonly float[] _values;
    private readonly int _slots;
    private long _written;

    public HistoryRing(int capacity, int columns)
    {
        Capacity = capacity;
        Columns = columns;
        _slots = capacity + 1;
        _times = new long[_slots];
        _values = new float[_slots * columns];
    }

    public int Capacity { get; }

    public int Columns { get; }

    public long Bytes => (_times.Length * sizeof(long)) + (_values.Length * sizeof(float));

    /// <summary>Writer only.</summary>
    public void Append(long unixSeconds, ReadOnlySpan<float> row)
    {
        long sequence = _written;
        int slot = (int)(sequence % _slots);
        _times[slot] = unixSeconds;
        row[..Columns].CopyTo(_values.AsSpan(slot * Columns, Columns));
        Volatile.Write(ref _written, sequence + 1);
    }

    /// <summary>A copy of the rows newer than <paramref name="afterUnixSeconds"/>, oldest first.</summary>
    public HistoryRows Read(long afterUnixSeconds = long.MinValue)
    {
        long end = Volatile.Read(ref _written);
        long start = Math.Max(0, end - Capacity);
        var times = new List<long>();
        var values = new List<float>();
        for (long sequence = start; sequence < end; sequence++)
        {
            int slot = (int)(sequence % _slots);
            times.Add(_times[slot]);
            values.AddRange(_values.AsSpan(slot * Columns, Columns));
        }

        // Writing row N overwrites row N - slots: rows up to (written now) - slots may be torn.
        long firstValid = Volatile.Read(ref _written) - _slots + 1;
        int skip = (int)Math.Clamp(firstValid - start, 0, times.Count);
        while (skip < times.Count && times[skip] <= afterUnixSeconds)
        {
            skip++;
        }

        return new HistoryRows(times[skip..].ToArray(), values[(skip * Columns)..].ToArray(), Columns);
    }
}
