using System.Globalization;
using System.Net;
using Meridian.Core.Analysis;
using Meridian.Fuzzing;

namespace Meridian.Core.Tests.Analysis;

/// <summary>
/// The xt_recent dump parser over random text and mutations of dumps in the kernel's format: it
/// never throws, every non-blank line is either a client or counted as malformed, every client is an
/// IP address with at least one packet, its times are finite and consistent, and the abuse report
/// built from them is ordered by rate.
/// Set MERIDIAN_SEED to replay a failure, MERIDIAN_FUZZ_SCALE to run more cases.
/// </summary>
public class XtRecentParserFuzzTests
{
    private static readonly int[] Rates = [100, 250, 300, 1000];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void CountsEveryLineAsAClientOrMalformed_AndNeverThrows_ForRandomAndMutatedDumps()
    {
        var run = FuzzRun.Start(defaultSeed: 20261205, defaultCases: 10_000);
        string previous = ValidDump(run.Random);
        for (int i = 0; i < run.Cases; i++)
        {
            string valid = ValidDump(run.Random);
            string dump = run.Random.Next(20) switch
            {
                0 => new string([.. Mutator.RandomBytes(run.Random, 300).Select(b => (char)b)]),
                1 => valid,
                _ => TextMutator.Mutate(run.Random, valid, previous),
            };
            int hz = run.Random.Next(4) == 0 ? run.Random.Next(1, 10_000) : Rates[run.Random.Next(Rates.Length)];
            run.Check(i, dump, () => AssertParserInvariants(dump, hz));
            previous = valid;
        }
    }

    private static void AssertParserInvariants(string dump, int hz)
    {
        string[] lines = dump.Split('\n');
        var (clients, malformed) = XtRecentParser.Parse(lines, hz);

        int entries = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        Assert.Equal(entries, clients.Count + malformed);
        foreach (ClientObservation client in clients)
        {
            Assert.True(IPAddress.TryParse(client.Address, out IPAddress? address) && address.ToString() == client.Address, $"client '{client.Address}' is not an address as the kernel prints it");
            Assert.True(client.Packets >= 1, $"{client.Address}: {client.Packets} packets");
            Assert.True(double.IsFinite(client.FirstSeenAgo) && double.IsFinite(client.LastSeenAgo), $"{client.Address}: non-finite times");
            Assert.True(client.LastSeenAgo >= 0, $"{client.Address}: last seen {client.LastSeenAgo} s in the future");
            Assert.True((client.MinGapSeconds is null) == (client.IntervalSeconds is null) && (client.MinGapSeconds is null) == (client.Packets == 1), $"{client.Address}: gaps for {client.Packets} packets");
            if (client.MinGapSeconds is double gap && client.IntervalSeconds is double interval)
            {
                Assert.True(gap >= 0 && double.IsFinite(interval) && interval >= gap * (1 - 1e-12), $"{client.Address}: shortest gap {gap} s, interval {interval} s");
            }

            Assert.True(double.IsFinite(client.PacketsPerSecond) && client.PacketsPerSecond > 0, $"{client.Address}: {client.PacketsPerSecond} packets/s");
        }

        // What 'meridian clients --xt-recent' prints from them.
        int top = 1 + (entries % 50);
        ClientReport report = ClientReport.Build(clients, top);
        Assert.Equal(clients.Count, report.Tracked);
        Assert.Equal(Math.Min(top, clients.Count), report.ByRate.Count);
        Assert.True(report.ByRate.Zip(report.ByRate.Skip(1)).All(p => p.First.PacketsPerSecond >= p.Second.PacketsPerSecond), "the report is not by rate");
        Assert.True(double.IsFinite(report.CompleteForSeconds) && report.CompleteForSeconds >= 0, $"complete for {report.CompleteForSeconds} s");
    }

    /// <summary>Up to a dozen entries as /proc/net/xt_recent prints them, IPv4 and IPv6, one to 20 packet times each.</summary>
    private static string ValidDump(Random random)
    {
        long now = 4_294_000_000L + random.Next(1_000_000);
        var lines = new List<string>();
        for (int e = random.Next(0, 12); e > 0; e--)
        {
            string address = random.Next(3) == 0 ? $"2001:db8::{random.Next(1, 0xffff):x}" : $"203.0.113.{random.Next(1, 255)}";
            int packets = random.Next(1, 21);
            long first = now - random.Next(0, 250_000);
            var stamps = Enumerable.Range(0, packets).Select(p => first + p * (long)random.Next(0, 2_000)).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"src={address} ttl: {random.Next(1, 256)} last_seen: {stamps[^1]} oldest_pkt: {random.Next(packets)} {string.Join(", ", stamps)}"));
        }

        return string.Join('\n', lines) + "\n";
    }
}
