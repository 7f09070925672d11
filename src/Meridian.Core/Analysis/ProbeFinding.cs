namespace Meridian.Core.Analysis;

/// <summary>
/// One row of the audit: bytes sent, packets and bytes back, and the bandwidth amplification factor
/// over UDP payloads (<see cref="Factor"/>) and over IP and UDP headers too (<see cref="FactorWithHeaders"/>).
/// </summary>
public sealed record ProbeFinding(
    string Probe,
    ProbeKind Kind,
    int BytesSent,
    long PacketsBack,
    long BytesBack,
    double Factor,
    double FactorWithHeaders)
{
    /// <summary>More bytes came back than were sent.</summary>
    public bool Amplifies => Factor > 1;

    /// <summary>A management probe (mode 6 or 7) got any answer at all.</summary>
    public bool Leaks => Kind != ProbeKind.ClientQuery && PacketsBack > 0;
}
