using System.Collections.Concurrent;
using Meridian.Configuration;
using Meridian.Core;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Hosting;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Tests.Hosting;

public sealed class StatisticsWriterTests : IDisposable
{
    /// <summary>2025-05-20T00:00:10Z, as the system clock and as the records' NTP time.</summary>
    private static readonly long Now = new DateTimeOffset(2025, 5, 20, 0, 0, 10, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static readonly NtpTimestamp NtpNow = NtpTimestamp.FromUnixNanoseconds(Now);

    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-statswriter-").FullName;
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _infos = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void WritesOneLoopstatsLinePerClockUpdate_AndOnePeerstatsLinePerSample()
    {
        using (StatisticsWriter writer = Writer(_dir))
        {
            writer.Record(Step([Update(0.001, 1e-6)], [Sample(0.002)]));
            writer.Record(Step([Update(0.0005, 2e-6)], [Sample(0.003), Sample(0.004)]));
        }

        Assert.Equal(
            ["60815 10.000 0.001000000 1.000 0.000000000 0.000000 6", "60815 10.000 0.000500000 2.000 0.000000000 0.353553 6"],
            File.ReadAllLines(Path.Combine(_dir, "loopstats.20250520")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_dir, "peerstats.20250520")).Length);
        Assert.StartsWith("60815 10.000 192.0.2.1 9600 0.004000000 ", File.ReadAllLines(Path.Combine(_dir, "peerstats"))[^1], StringComparison.Ordinal);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void TheWander_IsNtpdsAveragedRmsOfFrequencyChanges()
    {
        using (StatisticsWriter writer = Writer(_dir))
        {
            writer.Record(Step([Update(0, 0), Update(0, 1e-6), Update(0, 1e-6)], []));
        }

        Assert.Equal(["0.000000", "0.353553", "0.330719"], File.ReadAllLines(Path.Combine(_dir, "loopstats.20250520")).Select(l => l.Split(' ')[5]));
    }

    [Fact]
    public void OnlyTheEnabledSets_AreWritten()
    {
        using (var writer = new StatisticsWriter(_dir, [new FileGenOptions("loopstats") { Enabled = true }, new FileGenOptions("peerstats")], _warnings.Enqueue, _infos.Enqueue, () => Now, 1))
        {
            writer.Record(Step([Update(0, 0)], [Sample(0)]));
        }

        Assert.Equal(["loopstats", "loopstats.20250520"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnwritableDirectory_IsOneWarningPerSet_NotACrash_AndWritingResumesWhenItWorks()
    {
        string missing = Path.Combine(_dir, "not-yet");
        using (StatisticsWriter writer = Writer(missing))
        {
            writer.Record(Step([Update(0, 0)], [Sample(0)]));
            writer.Record(Step([Update(0, 0)], [Sample(0)]));
            // All four lines must have failed before the directory appears; the warnings alone come after the first two.
            Assert.True(SpinWait.SpinUntil(() => writer.Unwritten == 4, TimeSpan.FromSeconds(30)), $"{writer.Unwritten} of 4 lines failed");
            Directory.CreateDirectory(missing);
            writer.Record(Step([Update(0.25, 0)], []));
        }

        Assert.Equal(2, _warnings.Count);
        Assert.Contains(_warnings, w => w.StartsWith("statistics: cannot write loopstats", StringComparison.Ordinal));
        Assert.Contains(_warnings, w => w.StartsWith("statistics: cannot write peerstats", StringComparison.Ordinal));
        Assert.Single(_infos, i => i.Contains("loopstats.20250520 again", StringComparison.Ordinal));
        Assert.StartsWith("60815 10.000 0.250000000 ", Assert.Single(File.ReadAllLines(Path.Combine(missing, "loopstats.20250520"))), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordNeverWaits_EveryLineIsWrittenOrCountedAsDropped()
    {
        const int Steps = 20_000;
        long dropped;
        using (StatisticsWriter writer = Writer(_dir))
        {
            SyncStep step = Step([], [Sample(0)]);
            for (int i = 0; i < Steps; i++)
            {
                writer.Record(step);
            }

            dropped = writer.Dropped;
        }

        int written = File.ReadAllLines(Path.Combine(_dir, "peerstats.20250520")).Length;
        Assert.Equal(Steps, written + dropped);
        // Every drop is reported: the counts in the warnings add up to the dropped lines.
        Assert.Equal(dropped, _warnings.Where(w => w.Contains("lines dropped", StringComparison.Ordinal)).Sum(w => long.Parse(w.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private StatisticsWriter Writer(string directory) => new(
        directory,
        [new FileGenOptions("loopstats") { Enabled = true }, new FileGenOptions("peerstats") { Enabled = true }],
        _warnings.Enqueue,
        _infos.Enqueue,
        () => Now,
        1);

    private static ClockUpdate Update(double offset, double frequency) => new(NtpNow, offset, frequency, 0, 6);

    private static PeerSample Sample(double offset) =>
        new(NtpNow, NetEndpoint.FromIPv4(0xC0000201, 123), Tally.SystemPeer, true, true, offset, 0.001, 0.0001, 0.00001);

    private static SyncStep Step(IReadOnlyList<ClockUpdate> updates, IReadOnlyList<PeerSample> samples) =>
        new SyncStep([], [], ServerState.Unsynchronized(-20), ClockCorrection.None, MonotonicTime.Zero, []) { ClockUpdates = updates, PeerSamples = samples };
}
