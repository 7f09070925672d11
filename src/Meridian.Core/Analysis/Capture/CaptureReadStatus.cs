namespace Meridian.Core.Analysis.Capture;

public enum CaptureReadStatus
{
    /// <summary>A packet was read.</summary>
    Packet,

    /// <summary>The capture ended cleanly.</summary>
    End,

    /// <summary>The capture ended inside a record (a capture still being written, or cut short).</summary>
    Truncated,

    /// <summary>A record or block header makes no sense; reading stops there.</summary>
    Malformed,

    /// <summary>The pushed bytes end inside the next record: push more (or complete the input) and read again.</summary>
    NeedMoreData,
}
