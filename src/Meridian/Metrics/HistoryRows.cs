namespace Meridian.Metrics;

/// <summary>Rows copied out of a <see cref="HistoryRing"/>: <c>Values[row * Columns + column]</c>.</summary>
public sealed record HistoryRows(long[] Times, float[] Values, int Columns)
{
    public int Count => Times.Length;

    public float this[int row, int column] => Values[(row * Columns) + column];
}
