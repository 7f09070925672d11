namespace Meridian.Core.Analysis.Capture;

/// <summary>What one address did on the NTP port: datagrams and IP bytes to it and from it, first and last time.</summary>
internal struct AddressTally
{
    public long PacketsIn;
    public long BytesIn;
    public long PacketsOut;
    public long BytesOut;
    public long FirstNanoseconds;
    public long LastNanoseconds;
    public bool HasTime;

    public readonly long Packets => PacketsIn + PacketsOut;

    public readonly double Seconds => HasTime ? (LastNanoseconds - FirstNanoseconds) / 1e9 : 0;

    public void See(long nanoseconds)
    {
        FirstNanoseconds = HasTime ? Math.Min(FirstNanoseconds, nanoseconds) : nanoseconds;
        LastNanoseconds = HasTime ? Math.Max(LastNanoseconds, nanoseconds) : nanoseconds;
        HasTime = true;
    }
}
