namespace Meridian.Core.Analysis;

/// <summary>
/// Turns what came back to each probe into amplification factors and a verdict. The factor is the
/// UDP payload bytes back divided by the UDP payload bytes sent (US-CERT's bandwidth amplification
/// factor); the second factor adds the IP and UDP headers (28 bytes for IPv4, 48 for IPv6) to every
/// datagram in both directions.
/// </summary>
public static class AmplificationAudit
{

    /// <summary>ntp.conf lines that stop ntpd answering mode 6 and 7 to the world and remove monlist.</summary>
    public static IReadOnlyList<string> FixLines { get; } =
    [
        "restrict default kod nomodify notrap nopeer noquery limited",
        "restrict -6 default kod nomodify notrap nopeer noquery limited",
        "restrict 127.0.0.1",
        "restrict ::1",
        "disable monitor",
    ];

    public static double Factor(long bytesBack, int bytesSent) => bytesSent <= 0 ? 0 : (double)bytesBack / bytesSent;

    public static double FactorWithHeaders(long bytesBack, long packetsBack, int bytesSent, int headerBytes) =>
        bytesSent <= 0 ? 0 : (double)(bytesBack + (packetsBack * headerBytes)) / (bytesSent + headerBytes);

    public static ProbeFinding Evaluate(ProbeResult result, int headerBytes) => new(
        result.Probe.Name,
        result.Probe.Kind,
        result.BytesSent,
        result.PacketsBack,
        result.BytesBack,
        Factor(result.BytesBack, result.BytesSent),
        FactorWithHeaders(result.BytesBack, result.PacketsBack, result.BytesSent, headerBytes));

    public static AmplificationReport Evaluate(IEnumerable<ProbeResult> results, int headerBytes)
    {
        var findings = results.Select(r => Evaluate(r, headerBytes)).ToList();
        bool exploitable = findings.Any(f => f.Amplifies);
        bool leak = findings.Any(f => f.Leaks);
        return new AmplificationReport(
            findings,
            headerBytes,
            exploitable,
            leak,
            findings.Count == 0 ? 0 : findings.Max(f => f.Factor),
            exploitable || leak ? FixLines : []);
    }
}
