using System.Threading.Channels;
using Meridian.Configuration;
using Meridian.Core.Sync;

namespace Meridian.Hosting;

/// <summary>
/// Writes ntpd's loopstats and peerstats files under <c>statsdir</c> from the sync thread's steps:
/// <see cref="Record"/> (sync thread) only formats the lines and queues them — it never waits — and a
/// writer thread appends them. A full queue (a stalled disk) drops lines and says how many; a file
/// that cannot be written is a warning, once until it works again, never a crash.
/// </summary>
public sealed class StatisticsWriter : IDisposable
{
    /// <summary>Lines waiting for the disk; at one line per poll and source, hours of them.</summary>
    public const int QueueCapacity = 4096;

    /// <summary>ntpd's CLOCK_AVG: the wander is an exponential average over this many updates.</summary>
    private const double WanderAverage = 8;

    private readonly Channel<(StatisticsFileSet Set, string Line, DateTime Utc)> _queue =
        Channel.CreateBounded<(StatisticsFileSet, string, DateTime)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly StatisticsFileSet? _loop;
    private readonly StatisticsFileSet? _peer;
    private readonly Action<string> _warn;
    private readonly Action<string> _info;
    private readonly Func<long> _unixNanoseconds;
    private readonly HashSet<StatisticsFileSet> _failing = [];
    private readonly Thread _thread;
    private long _dropped;
    private long _unwritten;
    private double? _lastFrequency;
    private double _wanderSquared;

    /// <param name="unixNanoseconds">The system clock, the pivot that places an NTP timestamp in its era.</param>
    public StatisticsWriter(string directory, IReadOnlyList<FileGenOptions> sets, Action<string> warn, Action<string> info, Func<long> unixNanoseconds, int processId)
    {
        _warn = warn;
        _info = info;
        _unixNanoseconds = unixNanoseconds;
        _loop = Create("loopstats");
        _peer = Create("peerstats");
        _thread = new Thread(Run) { IsBackground = true, Name = "statistics" };
        _thread.Start();

        StatisticsFileSet? Create(string name) =>
            sets.FirstOrDefault(s => s.Name == name && s.Enabled) is FileGenOptions set ? new StatisticsFileSet(directory, set, processId) : null;
    }

    /// <summary>The files a configuration asks for, or null when it asks for none (no <c>statsdir</c>, or no written set enabled).</summary>
    public static StatisticsWriter? Create(MeridianOptions options, Action<string> warn, Action<string> info) =>
        options.StatsDir is string directory && options.FileGens.Any(f => f.Enabled && f.IsWritten)
            ? new StatisticsWriter(directory, options.FileGens, warn, info, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000, Environment.ProcessId)
            : null;

    /// <summary>Lines dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Lines the writer thread took from the queue but could not write (the file or directory failed).</summary>
    public long Unwritten => Interlocked.Read(ref _unwritten);

    /// <summary>Queues the step's clock updates and peer samples (sync thread; never blocks).</summary>
    public void Record(SyncStep step)
    {
        if (_loop is not null)
        {
            foreach (ClockUpdate update in step.ClockUpdates)
            {
                long at = update.Time.ToUnixNanoseconds(_unixNanoseconds());
                Queue(_loop, NtpStatsFormat.LoopStats(at, update, Wander(update.Frequency)), at);
            }
        }

        if (_peer is not null)
        {
            foreach (PeerSample sample in step.PeerSamples)
            {
                long at = sample.Time.ToUnixNanoseconds(_unixNanoseconds());
                Queue(_peer, NtpStatsFormat.PeerStats(at, sample), at);
            }
        }
    }

    /// <summary>Writes what is queued, then stops the writer thread.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(5));
        _loop?.Dispose();
        _peer?.Dispose();
    }

    /// <summary>ntpd's clock_stability: the RMS of the frequency changes between updates, exponentially averaged (ppm).</summary>
    private double Wander(double frequency)
    {
        if (_lastFrequency is double last)
        {
            double change = (frequency - last) * 1e6;
            _wanderSquared += (change * change - _wanderSquared) / WanderAverage;
        }

        _lastFrequency = frequency;
        return Math.Sqrt(_wanderSquared);
    }

    private void Queue(StatisticsFileSet set, string line, long unixNanoseconds)
    {
        if (!_queue.Writer.TryWrite((set, line, NtpStatsFormat.Utc(unixNanoseconds))))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void Run()
    {
        long reportedDrops = 0;
        ChannelReader<(StatisticsFileSet Set, string Line, DateTime Utc)> reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var written = new HashSet<StatisticsFileSet>();
            while (reader.TryRead(out var item))
            {
                if (Write(item.Set, () => item.Set.Append(item.Line, item.Utc)))
                {
                    written.Add(item.Set);
                }
                else
                {
                    Interlocked.Increment(ref _unwritten);
                }
            }

            foreach (StatisticsFileSet set in written)
            {
                Write(set, set.Flush);
            }

            long dropped = Dropped;
            if (dropped > reportedDrops)
            {
                _warn($"statistics: {dropped - reportedDrops} lines dropped: the disk did not keep up");
                reportedDrops = dropped;
            }
        }
    }

    private bool Write(StatisticsFileSet set, Action action)
    {
        try
        {
            action();
            if (_failing.Remove(set))
            {
                _info($"statistics: writing {set.CurrentPath} again");
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string path = set.CurrentPath ?? set.Name;
            set.Reset();
            if (_failing.Add(set))
            {
                _warn($"statistics: cannot write {set.Name} ({path}): {e.Message}; its lines are dropped until writing works again");
            }

            return false;
        }
    }
}
