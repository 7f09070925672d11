namespace Meridian.Core.Analysis;

/// <summary>What came back to one probe within the window: datagrams and their UDP payload bytes.</summary>
public sealed record ProbeResult(AmplificationProbe Probe, long PacketsBack, long BytesBack)
{
    public int BytesSent => Probe.Request.Length;
}
