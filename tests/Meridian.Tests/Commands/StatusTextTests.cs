using Meridian.Commands.Status;
using Meridian.Control;
using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Tests.Control;

namespace Meridian.Tests.Commands;

public class StatusTextTests
{
    [Fact]
    public void PrintsOneAlignedLinePerFact()
    {
        string expected = """
            state:            synchronized
            system peer:      127.0.0.1:11123
            stratum:          2
            offset:           +0.012 ms
            reference time:   Sun Nov 22 00:00:00.250 2026
            rms offset:       0.035 ms
            frequency:        -3.214 ppm
            skew:             0.012 ppm
            update interval:  64.2 s
            root delay:       0.120 ms
            root dispersion:  1.234 ms
            leap:             NoWarning
            leap file:        none
            next leap:        none known
            discipline:       Sync
            uptime:           1h 02m 03s
            received:         12345
            served:           12000
            dropped:          345  (ModePrivate 300, LengthTooShort 45)
            kods sent:        0
            nts:              0 authenticated, 0 naks, 0 bad authenticator, 0 malformed
            interleaved:      0
            transmit error:   -
            traffic:          938220 bytes in, 912000 bytes out (IP + UDP + NTP), 321 distinct addresses (exact)

            """;

        Assert.Equal(expected, StatusText.Format(SampleReports.Report()));
    }

    [Fact]
    public void ShowsTheNtsKeServer_ItsRefusalsByReasonAndItsCertificate()
    {
        var report = SampleReports.Report() with { NtsKe = SampleReports.NtsKe() };

        string text = StatusText.Format(report);

        Assert.Contains("nts-ke:           40 connections, 31 handshakes, 29 answered with 232 cookies, 1 open\n", text, StringComparison.Ordinal);
        Assert.Contains("nts-ke refused:   10  (rate_limited 6, alpn 3, bad_request 1)\n", text, StringComparison.Ordinal);
        Assert.Contains("nts-ke bad req.:  1  (server_record_in_request 1)\n", text, StringComparison.Ordinal);
        Assert.Contains("nts-ke cert:      CN=time.example, valid to 2027-01-01 00:00:00 UTC (/etc/meridian/nts.pem)\n", text, StringComparison.Ordinal);
        Assert.Contains("nts keys:         0000002b (created 2026-11-30 00:00 UTC), 0000002a (created 2026-11-29 00:00 UTC); issuing with the first (/var/lib/meridian/meridian-ntskeys)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("nts-ke", StatusText.Format(SampleReports.Report()), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheLeapFile_AndTheAnnouncedLeap()
    {
        var leap = new LeapSnapshot(
            new LeapEvent(NtpTimestamp.FromUnixTime(1_796_083_200, 0), LeapIndicator.LastMinuteHas61Seconds), // 2026-12-01 00:00 UTC
            LeapSource.File, Announced: true, Smearing: false, "/usr/share/zoneinfo/leap-seconds.list", FileUsable: true,
            LeapHashCheck.Verified, NtpTimestamp.FromUnixTime(1_814_140_800, 0), LeapFileExpiry.Valid); // 2027-06-28
        var report = SampleReports.Report() with { Sync = SampleReports.Sync() with { LeapSecond = leap } };

        string text = StatusText.Format(report);

        Assert.Contains("leap file:        /usr/share/zoneinfo/leap-seconds.list (hash verified, expires 2027-06-28)\n", text, StringComparison.Ordinal);
        Assert.Contains("next leap:        insertion 2026-11-30 23:59:60 UTC (from the file), announced\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeapHashCheck.Mismatch, true, LeapFileExpiry.Valid, "(hash mismatch: not used)")]
    [InlineData(LeapHashCheck.Verified, true, LeapFileExpiry.Expired, "(hash verified, expired 2026-06-28: not used)")]
    [InlineData(LeapHashCheck.Verified, true, LeapFileExpiry.ExpiresSoon, "(hash verified, expires 2026-06-28: update it soon)")]
    [InlineData(LeapHashCheck.Verified, false, LeapFileExpiry.Valid, "(damaged: not used)")]
    public void SaysWhyTheLeapFileIsNotUsed(LeapHashCheck hash, bool usable, LeapFileExpiry expiry, string expected)
    {
        var leap = LeapSnapshot.None with
        {
            FilePath = "/etc/leap.list", FileHash = hash, FileUsable = usable, FileExpiry = expiry,
            FileExpires = NtpTimestamp.FromUnixTime(1_782_604_800, 0), // 2026-06-28
        };

        Assert.Equal($"/etc/leap.list {expected}", StatusText.LeapFileText(leap));
    }

    [Fact]
    public void ShowsDashes_ForTrackingFiguresNotKnownYet()
    {
        var report = SampleReports.Report() with { ReferenceTimeUtc = null, Sync = SampleReports.Sync() with { ReferenceTime = null, SkewPpm = null, UpdateIntervalSeconds = null } };

        string text = StatusText.Format(report);

        Assert.Contains("reference time:   -\n", text, StringComparison.Ordinal);
        Assert.Contains("skew:             -\n", text, StringComparison.Ordinal);
        Assert.Contains("update interval:  -\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatsTheReferenceTime_AsChronycDoes()
    {
        Assert.Equal("Sun Nov 22 00:00:00.250 2026", StatusReport.FormatReferenceTime(NtpTimestamp.FromUnixTime(1_795_305_600, 250_000_000), new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void ShowsGarbageCollectionsAndAllocations_WhenTheServerReportsThem()
    {
        var report = SampleReports.Report() with { Runtime = new Meridian.Control.RuntimeStats(3, 1, 0, 52428800) };

        Assert.Contains("gc:               3/1/0 collections (gen 0/1/2), 50.0 MiB allocated\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsNtsOutcomes_AuthenticatedNaksBadAuthenticatorAndMalformed()
    {
        var drops = Enum.GetValues<DropReason>().Where(r => r != DropReason.None).ToDictionary(r => r, _ => 0L);
        drops[DropReason.NtsBadAuthenticator] = 3;
        drops[DropReason.NtsMalformed] = 4;
        var report = SampleReports.Report() with { Counters = new ServingCountersSnapshot(20, 12, drops) { NtsAuthenticated = 10, NtsNaks = 2 } };

        Assert.Contains("nts:              10 authenticated, 2 naks, 3 bad authenticator, 4 malformed\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsKissesAndTheClientTable_WhenRateLimiting()
    {
        var report = SampleReports.Report() with { Counters = SampleReports.Counters(modePrivate: 0, lengthTooShort: 0) with { KodsSent = 4 } };
        report = report with { Clients = new Meridian.Control.ClientTableStats(1500, 1048576, 12) };

        string text = StatusText.Format(report);

        Assert.Contains("kods sent:        4\n", text, StringComparison.Ordinal);
        Assert.Contains("client table:     1500 of 1048576 slots, 12 evictions\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheTransmitTimestampError_AndTheInterleavedReplies()
    {
        long[] buckets = new long[TransmitErrorHistogram.BoundsMicroseconds.Count + 1];
        buckets[3] = 990; // ≤ 2 µs
        buckets[6] = 10;  // ≤ 4 µs
        var errors = new TransmitErrorSummary(1000, 1000 * 1900, 35_000, buckets);
        var report = SampleReports.Report() with { Counters = SampleReports.Counters() with { TransmitErrors = errors, Interleaved = 17 } };

        string text = StatusText.Format(report);

        Assert.Contains("interleaved:      17\n", text, StringComparison.Ordinal);
        Assert.Contains("transmit error:   mean 1.9 µs, p99 ≤ 2 µs, max 35.0 µs (1000 replies)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheKernelsDrops_OnlyWhenTheServerReportsThem()
    {
        string text = StatusText.Format(SampleReports.Report() with { KernelDrops = 2549 });

        Assert.Contains("kernel dropped:   2549  (receive buffer full: never read, not in received)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kernel dropped", StatusText.Format(SampleReports.Report()), StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsAnEstimatedClientCount_WithItsError()
    {
        var report = SampleReports.Report() with { Counters = SampleReports.Counters() with { Clients = new(1_234_567, true, 0.0081) } };

        Assert.Contains("~1 234 567 distinct addresses (estimate, ±0.8 %)\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ListsOnlyNonzeroDropReasons()
    {
        var report = SampleReports.Report() with { Counters = SampleReports.Counters(modePrivate: 0, lengthTooShort: 7) };

        Assert.Contains("dropped:          7  (LengthTooShort 7)\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void PrintsOnlyTheTotal_WhenNothingWasDropped()
    {
        var report = SampleReports.Report() with { Counters = SampleReports.Counters(modePrivate: 0, lengthTooShort: 0) };

        Assert.Contains("dropped:          0\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void SaysClientsGetTheLocalClock_WhenUnsynchronizedButServingALocalStratum()
    {
        var report = SampleReports.Report() with
        {
            Sync = SampleReports.Sync(systemPeer: null) with { State = "unsynchronized", Stratum = 16 },
            Served = new ServedState(10, LeapIndicator.NoWarning, "127.127.1.1", LocalClock: true),
        };

        string[] lines = StatusText.Format(report).Split('\n');

        Assert.Equal("state:            unsynchronized; clients get the local clock at stratum 10", lines[0]);
        Assert.Equal("stratum:          10 (the local clock, reference id 127.127.1.1)", lines[2]);
    }

    [Theory]
    [InlineData(true, 16, false)]  // not synchronized, nothing configured: stratum 16 on the wire (0 + INIT)
    [InlineData(false, 10, true)]  // not synchronized, local stratum 10: the local clock
    public void TheServedStateIsWhatTheRepliesCarry(bool unsynchronized, int stratum, bool localClock)
    {
        ServerState state = unsynchronized ? ServerState.Unsynchronized(-20) : ServerState.LocalClock(10, -20, NtpTimestamp.Zero);
        SyncSnapshot sync = SampleReports.Sync(systemPeer: null) with { State = "unsynchronized", Stratum = 16 };

        ServedState served = ServedState.From(state, sync);

        Assert.Equal(stratum, served.Stratum);
        Assert.Equal(localClock, served.LocalClock);
    }

    [Fact]
    public void PrintsADash_WhenThereIsNoSystemPeer()
    {
        StatusReport report = SampleReports.Report() with { Sync = SampleReports.Sync(systemPeer: null) };

        Assert.Contains("system peer:      -\n", StatusText.Format(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59.9, "59s")]
    [InlineData(61, "1m 01s")]
    [InlineData(3723, "1h 02m 03s")]
    [InlineData(90061, "1d 01h 01m 01s")]
    public void PrintsUptimeInUnits(double seconds, string expected)
    {
        Assert.Equal(expected, StatusText.Uptime(seconds));
    }
}
