using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>The leap state for <c>meridian status</c> and the metrics.</summary>
public sealed record LeapSnapshot(
    LeapEvent? Next,
    LeapSource Source,
    bool Announced,
    bool Smearing,
    string? FilePath,
    bool FileUsable,
    LeapHashCheck? FileHash,
    NtpTimestamp? FileExpires,
    LeapFileExpiry? FileExpiry)
{
    public static LeapSnapshot None { get; } = new(null, LeapSource.None, false, false, null, false, null, null, null);
}
