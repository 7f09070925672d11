namespace Meridian.Core.Analysis;

/// <summary>One request a reflection scanner sends, with the bytes of its UDP payload.</summary>
public sealed record AmplificationProbe(string Name, ProbeKind Kind, ReadOnlyMemory<byte> Request)
{
    /// <summary>Management probes (modes 6 and 7) should get nothing back from a public server.</summary>
    public bool IsManagement => Kind != ProbeKind.ClientQuery;
}
