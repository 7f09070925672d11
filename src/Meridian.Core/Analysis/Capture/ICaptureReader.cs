namespace Meridian.Core.Analysis.Capture;

/// <summary>Reads a capture one packet at a time; the packet's bytes are valid until the next call.</summary>
public interface ICaptureReader
{
    /// <summary>What went wrong when <see cref="Read"/> returned Truncated or Malformed.</summary>
    string? Problem { get; }

    CaptureReadStatus Read(out CapturedPacket packet);
}
