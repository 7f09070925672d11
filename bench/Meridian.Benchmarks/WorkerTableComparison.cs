using System.Diagnostics;
using Meridian.Core;
using Meridian.Core.RateLimiting;
using Meridian.Core.Time;

namespace Meridian.Benchmarks;

/// <summary>
/// `dotnet run -c Release -- workers`: rate-limit decisions per second with two worker threads, for
/// the two designs that keep a client's limit whatever worker its packets reach — worker shards
/// (each worker its own <see cref="RateLimiter"/>, packets steered by source address, as served)
/// and one shared lock-free table (<see cref="SharedGcraTable"/>) — under three traffic mixes.
/// </summary>
public static class WorkerTableComparison
{
    private const int Workers = 2;
    private const int DecisionsPerWorker = 20_000_000;
    private const long VirtualNanosecondsPerDecision = 1_000;

    private static readonly RateLimitOptions Options = new();

    private enum Mix
    {
        /// <summary>1 000 000 returning clients, each request from one of them at random.</summary>
        PoolClients,

        /// <summary>Every request from one address with a new source port (one flooding host).</summary>
        OneSource,

        /// <summary>Every request from a never-seen address (a spoofed flood) into 16 M slots.</summary>
        SpoofedFlood,
    }

    public static void Run()
    {
        Console.WriteLine($"{Workers} threads, {DecisionsPerWorker:N0} decisions each; best of 3 rounds; Mdecisions/s in total");
        Console.WriteLine("| traffic | shards: RateLimiter (served) | shards: lock-free table, GCRA only | shared: lock-free table, GCRA only | shared: lock-free table, GCRA + packets + last seen |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (Mix mix in Enum.GetValues<Mix>())
        {
            double served = Best(() => Shards(mix));
            double shardsGcra = Best(() => Lockfree(mix, shared: false, trackClients: false));
            double sharedGcra = Best(() => Lockfree(mix, shared: true, trackClients: false));
            double sharedTracked = Best(() => Lockfree(mix, shared: true, trackClients: true));
            Console.WriteLine($"| {mix} | {served:0.0} | {shardsGcra:0.0} | {sharedGcra:0.0} | {sharedTracked:0.0} |");
        }
    }

    private static int TableSize(Mix mix) => mix == Mix.SpoofedFlood ? 1 << 24 : 1 << 22;

    private static double Best(Func<TimeSpan> round) =>
        Enumerable.Range(0, 3).Select(_ => Workers * (double)DecisionsPerWorker / round().TotalSeconds / 1e6).Max();

    /// <summary>
    /// Worker i sees the clients whose address is i modulo the worker count (the kernel's steering);
    /// the single source therefore lands on one worker, which does all the work.
    /// </summary>
    private static TimeSpan Shards(Mix mix)
    {
        var limiters = Enumerable.Range(0, Workers)
            .Select(_ => new RateLimiter(Options with { TableSize = TableSize(mix) / Workers }, 0x9E37_79B9_7F4A_7C15, 0xD6E8_FEB8_6659_FD93))
            .ToArray();
        return RunThreads(worker =>
        {
            if (mix == Mix.OneSource && worker != 0)
            {
                return;
            }

            int count = mix == Mix.OneSource ? DecisionsPerWorker * Workers : DecisionsPerWorker;
            RateLimiter limiter = limiters[worker];
            for (int n = 0; n < count; n++)
            {
                var source = NetEndpoint.FromIPv4(Address(mix, worker, n), (ushort)n);
                limiter.Decide(source, new MonotonicTime(n * VirtualNanosecondsPerDecision), true, (uint)n);
            }
        });
    }

    /// <summary>The same lock-free table, one per worker (steered as above) or one shared by all.</summary>
    private static TimeSpan Lockfree(Mix mix, bool shared, bool trackClients)
    {
        long emission = (long)(Options.EmissionIntervalSeconds * ClientTable.TicksPerSecond);
        int tables = shared ? 1 : Workers;
        var table = Enumerable.Range(0, tables)
            .Select(_ => new SharedGcraTable(TableSize(mix) / tables, emission, emission * (Options.Burst - 1), trackClients))
            .ToArray();
        return RunThreads(worker =>
        {
            bool steeredAway = !shared && mix == Mix.OneSource && worker != 0;
            int count = steeredAway ? 0 : !shared && mix == Mix.OneSource ? DecisionsPerWorker * Workers : DecisionsPerWorker;
            SharedGcraTable mine = table[shared ? 0 : worker];
            for (int n = 0; n < count; n++)
            {
                long ticks = n * VirtualNanosecondsPerDecision / (1_000_000_000 / ClientTable.TicksPerSecond);
                mine.Allow(Address(mix, worker, n) | (1L << 32), ticks);
            }
        });
    }

    private static uint Address(Mix mix, int worker, int n) => mix switch
    {
        Mix.PoolClients => (((uint)(n * 2654435761u) % 500_000) * Workers) + (uint)worker + 0x0A00_0000,
        Mix.OneSource => 0xC633_6401,
        _ => ((uint)n * 2654435761u * Workers) + (uint)worker,
    };

    private static TimeSpan RunThreads(Action<int> work)
    {
        using var start = new Barrier(Workers + 1);
        var threads = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            work(w);
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        return clock.Elapsed;
    }
}
