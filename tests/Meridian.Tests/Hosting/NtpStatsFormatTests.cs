using Meridian.Core;
using Meridian.Core.Sync;
using Meridian.Hosting;
using Meridian.Protocol;

namespace Meridian.Tests.Hosting;

public class NtpStatsFormatTests
{
    /// <summary>2025-05-20T12:34:56.789Z: MJD 60815, 45296.789 s past midnight.</summary>
    private static readonly long At = new DateTimeOffset(2025, 5, 20, 12, 34, 56, 789, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void LoopStats_IsNtpdsLine_MjdSecondsOffsetFrequencyJitterWanderPoll()
    {
        var update = new ClockUpdate(NtpTimestamp.Zero, 0.000006019, 13.778190e-6, 0.000351733, 6);

        Assert.Equal("60815 45296.789 0.000006019 13.778 0.000351733 0.013380 6", NtpStatsFormat.LoopStats(At, update, 0.013380));
    }

    [Fact]
    public void PeerStats_IsNtpdsLine_MjdSecondsAddressStatusOffsetDelayDispersionJitter()
    {
        var sample = new PeerSample(NtpTimestamp.Zero, NetEndpoint.FromIPv4(0xC0000201, 123), Tally.SystemPeer, Reachable: true, Configured: true,
            -0.001605376, 0.000000000, 0.001424877, 0.000958674);

        Assert.Equal("60815 45296.789 192.0.2.1 9600 -0.001605376 0.000000000 0.001424877 0.000958674", NtpStatsFormat.PeerStats(At, sample));
    }

    [Theory]
    [InlineData(Tally.SystemPeer, true, true, "9600")]
    [InlineData(Tally.Candidate, true, false, "1400")]
    [InlineData(Tally.Outlier, true, true, "9300")]
    [InlineData(Tally.Falseticker, true, true, "9100")]
    [InlineData(Tally.Rejected, false, true, "8000")]
    [InlineData(Tally.Rejected, false, false, "0")]
    public void TheStatusWord_CarriesConfiguredReachableAndTheSelectionCode_InHex(Tally tally, bool reachable, bool configured, string hex)
    {
        var sample = new PeerSample(NtpTimestamp.Zero, NetEndpoint.FromIPv4(0x7F000001, 123), tally, reachable, configured, 0, 0, 0, 0);

        Assert.Equal(hex, NtpStatsFormat.PeerStats(At, sample).Split(' ')[3]);
    }

    [Fact]
    public void AnIPv6Peer_IsWrittenAsItsAddressAlone()
    {
        byte[] address = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23];
        var sample = new PeerSample(NtpTimestamp.Zero, NetEndpoint.FromIPv6(address, 10123), Tally.Candidate, true, true, 0, 0, 0, 0);

        Assert.Equal("2001:db8::123", NtpStatsFormat.PeerStats(At, sample).Split(' ')[2]);
    }

    [Theory]
    [InlineData(0L, "40587 0.000")]
    [InlineData(86_399_999_600_000L, "40587 86400.000")]
    [InlineData(86_400_000_000_000L + 1_499_999L, "40588 0.001")]
    [InlineData(86_400_000_000_000L + 1_500_000L, "40588 0.002")]
    public void TheTime_IsTheUtcModifiedJulianDay_AndSecondsPastMidnight_RoundedToMilliseconds(long unixNanoseconds, string stamp)
    {
        var update = new ClockUpdate(NtpTimestamp.Zero, 0, 0, 0, 6);

        Assert.StartsWith(stamp + " ", NtpStatsFormat.LoopStats(unixNanoseconds, update, 0), StringComparison.Ordinal);
    }
}
