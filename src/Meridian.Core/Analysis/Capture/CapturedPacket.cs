namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// One captured frame as stored: its link type, the captured bytes (possibly cut by the snap length)
/// and its time in nanoseconds since the Unix epoch (absent for pcapng Simple Packet Blocks).
/// </summary>
public readonly ref struct CapturedPacket(int linkType, ReadOnlySpan<byte> data, long timestampNanoseconds, bool hasTimestamp)
{
    public int LinkType { get; } = linkType;

    public ReadOnlySpan<byte> Data { get; } = data;

    public long TimestampNanoseconds { get; } = timestampNanoseconds;

    public bool HasTimestamp { get; } = hasTimestamp;
}
