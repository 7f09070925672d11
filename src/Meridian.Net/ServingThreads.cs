using System.Globalization;
using System.Runtime.InteropServices;

namespace Meridian.Net;

/// <summary>
/// Serving threads first (docs/decisions/0009): every other thread of the process — sync, history,
/// control, statistics, NTS-KE, the runtime's JIT, GC and thread-pool threads — is scheduled below
/// the serving workers, so a second of their work never keeps a request waiting. Under SCHED_FIFO/RR
/// (a benchmark's real-time run, or <c>CPUSchedulingPolicy=fifo</c>) they drop to SCHED_OTHER, which
/// the worker preempts at once; under SCHED_OTHER they run <see cref="NiceAbove"/> nice levels
/// above the worker (a tenth of its weight when both want the CPU). Only ever lowers a thread's
/// priority, which needs no privilege; threads created later by a lowered thread inherit it.
/// </summary>
public static partial class ServingThreads
{
    /// <summary>How many nice levels the other threads run above a SCHED_OTHER worker.</summary>
    public const int NiceAbove = 10;

    private const int SchedOther = 0;
    private const int SchedFifo = 1;
    private const int SchedRoundRobin = 2;
    private const int PrioProcess = 0;
    private const int MaxNice = 19;

    /// <summary>The calling thread's kernel id (the TID in /proc/self/task).</summary>
    public static int CurrentId() => GetTid();

    /// <summary>The ids of every thread of this process now.</summary>
    public static IReadOnlyList<int> All() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Select(path => int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>
    /// Schedules each of <paramref name="others"/> (except the workers) below the first of
    /// <paramref name="workers"/>; returns how many it lowered. A thread that ended meanwhile is skipped.
    /// </summary>
    public static int Lower(IEnumerable<int> others, IReadOnlyCollection<int> workers)
    {
        if (workers.Count == 0)
        {
            return 0;
        }

        int worker = workers.First();
        int policy = SchedGetScheduler(worker);
        bool realTime = policy is SchedFifo or SchedRoundRobin;
        int nice = Math.Min(MaxNice, NiceOf(worker) + NiceAbove);
        int lowered = 0;
        foreach (int thread in others.Where(t => !workers.Contains(t)))
        {
            bool done = realTime ? LowerFromRealTime(thread) : LowerNice(thread, nice);
            lowered += done ? 1 : 0;
        }

        return lowered;
    }

    /// <summary>A thread's scheduling as /proc shows it: (policy, nice); policy 0 other, 1 FIFO, 2 RR.</summary>
    public static (int Policy, int Nice) Of(int thread) => (SchedGetScheduler(thread), NiceOf(thread));

    private static bool LowerFromRealTime(int thread)
    {
        int policy = SchedGetScheduler(thread);
        if (policy is not (SchedFifo or SchedRoundRobin))
        {
            return false;
        }

        var parameter = new SchedParam { Priority = 0 };
        return SchedSetScheduler(thread, SchedOther, ref parameter) == 0;
    }

    private static bool LowerNice(int thread, int nice) =>
        SchedGetScheduler(thread) == SchedOther && NiceOf(thread) < nice && SetPriority(PrioProcess, thread, nice) == 0;

    /// <summary>Field 19 of /proc/self/task/TID/stat (after the parenthesised name, which may hold spaces).</summary>
    private static int NiceOf(int thread)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/self/task/{thread}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[16], CultureInfo.InvariantCulture); // fields from 3 (state): nice is field 19
        }
        catch (IOException)
        {
            return MaxNice; // the thread ended: nothing to lower
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    private static partial int SchedGetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, ref SchedParam parameter);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}
