using Meridian.Protocol;

namespace Meridian.Core.Client;

/// <summary>
/// The outcome of one SNTP exchange. For <see cref="SntpStatus.Valid"/> replies: the offset θ of the
/// server's clock from the local one, the round-trip delay δ and the synchronization distance, all in
/// seconds; <see cref="ReceivedAt"/> is T4, the local clock when the reply arrived.
/// </summary>
public sealed record SntpResult(
    SntpStatus Status,
    LeapIndicator Leap = LeapIndicator.Unsynchronized,
    byte Stratum = 0,
    ReferenceId ReferenceId = default,
    double Offset = 0,
    double Delay = 0,
    double Distance = 0,
    double RootDelay = 0,
    double RootDispersion = 0,
    NtpTimestamp ReceivedAt = default)
{
    public bool IsValid => Status == SntpStatus.Valid;

    /// <summary>The kiss code (RATE, DENY, RSTR, INIT, …) of a kiss-o'-death, else null.</summary>
    public string? Kiss => Status == SntpStatus.Kiss ? KissName(ReferenceId) : null;

    /// <summary>The reference id as ntpq shows it: four characters up to stratum 1, a dotted quad above (an IPv4 address or the hash of an IPv6 one).</summary>
    public string ReferenceText => Stratum <= 1 ? ReferenceId.ToString() : ReferenceId.ToIPv4String();

    public static SntpResult Failed(SntpStatus status) => new(status);

    private static string KissName(ReferenceId code) =>
        code.TryGetAscii(out string text) ? text : $"0x{code.Value:x8}";
}
