namespace Meridian.Core.Serving;

/// <summary>A count of distinct clients: exact, or an estimate with its relative standard error.</summary>
public readonly record struct UniqueCount(long Value, bool IsEstimate, double RelativeError)
{
    public static UniqueCount Exact(long value) => new(value, false, 0);
}
