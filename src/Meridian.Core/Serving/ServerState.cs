using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// What the server says about its own clock in every reply (RFC 5905 §7.3 system variables).
/// Immutable: a new snapshot is published by reference swap (<see cref="ServerStateCell"/>).
/// </summary>
public sealed record ServerState(
    LeapIndicator Leap,
    byte Stratum,
    sbyte Poll,
    sbyte Precision,
    NtpShort RootDelay,
    NtpShort RootDispersion,
    ReferenceId ReferenceId,
    NtpTimestamp ReferenceTimestamp)
{
    /// <summary>The poll exponent announced in replies (RFC 5905 MINPOLL default, 64 s).</summary>
    public const sbyte DefaultPoll = 6;

    public bool IsSynchronized => Leap != LeapIndicator.Unsynchronized;

    /// <summary>
    /// Not synchronized (P10): leap indicator 3, stratum 0 on the wire (RFC 5905 maps stratum 16 to 0)
    /// with the INIT kiss code, maximum root dispersion, no reference time.
    /// </summary>
    public static ServerState Unsynchronized(sbyte precision) => new(
        LeapIndicator.Unsynchronized,
        0,
        DefaultPoll,
        precision,
        NtpShort.Zero,
        NtpShort.FromSeconds(Rfc5905.MaxDispersion),
        KissCode.Init,
        NtpTimestamp.Zero);

    /// <summary>
    /// The local clock served at a configured stratum (<c>local stratum N</c>, <c>tos orphan N</c>):
    /// root delay 0, root dispersion one clock precision, reference id LOCL at stratum 1 and the
    /// conventional local-clock address 127.127.1.1 above it.
    /// </summary>
    public static ServerState LocalClock(byte stratum, sbyte precision, NtpTimestamp referenceTimestamp)
    {
        if (stratum is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(stratum), stratum, "a served stratum is 1 to 15");
        }

        ReferenceId referenceId = stratum == 1 ? ReferenceId.FromAscii("LOCL") : new ReferenceId(0x7F7F0101);
        return new ServerState(
            LeapIndicator.NoWarning,
            stratum,
            DefaultPoll,
            precision,
            NtpShort.Zero,
            NtpShort.FromSeconds(Math.ScaleB(1, precision)),
            referenceId,
            referenceTimestamp);
    }
}
