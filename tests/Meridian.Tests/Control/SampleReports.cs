using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Tests.Control;

/// <summary>Fixed reports with every tally code and a nonzero drop reason.</summary>
internal static class SampleReports
{
    public static SourceSnapshot Source(string remote, Tally tally, double? when = 12, byte reach = 255, double offsetMs = -0.012) =>
        new(remote, tally, "LOCL", 1, 'u', when, 64, reach, 0.045, offsetMs, 0.008);

    public static SyncSnapshot Sync(string? systemPeer = "127.0.0.1:11123") => new(
        "synchronized",
        systemPeer,
        2,
        0.012,
        -3.214,
        0.12,
        1.234,
        LeapIndicator.NoWarning,
        DisciplineState.Sync,
        [
            Source("127.0.0.1:11123", Tally.SystemPeer),
            Source("127.0.0.1:11124", Tally.Candidate, when: 5, reach: 0x7F),
            Source("127.0.0.1:11125", Tally.Outlier, when: 3000, reach: 1),
            Source("127.0.0.1:11126", Tally.Rejected, when: null, reach: 0),
            Source("127.0.0.1:11127", Tally.Falseticker, when: 3, offsetMs: 2000.123),
        ])
    {
        ReferenceTime = NtpTimestamp.FromUnixTime(1_795_305_600, 250_000_000),
        RmsOffsetMs = 0.0345,
        SkewPpm = 0.0123,
        UpdateIntervalSeconds = 64.2,
    };

    public static ServingCountersSnapshot Counters(long modePrivate = 300, long lengthTooShort = 45)
    {
        var drops = Enum.GetValues<DropReason>().Where(r => r != DropReason.None).ToDictionary(r => r, _ => 0L);
        drops[DropReason.ModePrivate] = modePrivate;
        drops[DropReason.LengthTooShort] = lengthTooShort;
        return new ServingCountersSnapshot(12345, 12000, drops) { BytesReceived = 938_220, BytesSent = 912_000, Clients = UniqueCount.Exact(321) };
    }

    public static NtsKeStatus NtsKe() => new(
        ["127.0.0.1:4460"], 40, 31, 29, 232, 1,
        new Dictionary<string, long> { ["connection_limit"] = 0, ["rate_limited"] = 6, ["alpn"] = 3, ["bad_request"] = 1 },
        new Dictionary<string, long> { ["server_record_in_request"] = 1, ["malformed"] = 0 })
    {
        CertificateSubject = "CN=time.example",
        CertificateNotAfterUtc = "2027-01-01 00:00:00",
        CertificateFile = "/etc/meridian/nts.pem",
        MasterKeys = ["0000002b (created 2026-11-30 00:00 UTC)", "0000002a (created 2026-11-29 00:00 UTC)"],
        KeyFile = "/var/lib/meridian/meridian-ntskeys",
    };

    public static StatusReport Report(string socketPath = "/run/meridian/meridian.sock") =>
        new(Sync(), Counters(), 3723.5, socketPath) { ReferenceTimeUtc = "Sun Nov 22 00:00:00.250 2026" };
}
