using System.Diagnostics;
using System.Globalization;

namespace Meridian.Benchmarks;

/// <summary>
/// The NTS benchmarks timed by the process's CPU time as well as the wall clock, best of five
/// rounds: on a shared, loaded machine the wall clock counts the time other processes held the
/// core, the CPU time does not. <c>dotnet run -c Release -- nts-cpu</c>.
/// </summary>
internal static class NtsCpuTime
{
    private const int Operations = 200_000;

    public static void Run()
    {
        using var bench = new NtsBenchmarks();
        bench.Setup();
        Measure("plain request", () => bench.PlainRequest());
        Measure("NTS request, one cookie (verify + new cookie + stamp + seal)", () => bench.NtsRequestOneCookie());
        Measure("NTS request, eight cookies", () => bench.NtsRequestEightCookies());
        Measure("NTS request, one cookie, before the stamp", () => bench.NtsHandleOnlyOneCookie());
        Measure("seal after the stamp, one cookie", () => bench.SealReplyOneCookie());
    }

    private static void Measure(string name, Func<int> operation)
    {
        double bestCpu = double.MaxValue, bestWall = double.MaxValue;
        for (int round = 0; round < 6; round++)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long wall = Stopwatch.GetTimestamp();
            for (int i = 0; i < Operations; i++)
            {
                operation();
            }

            double wallNs = Stopwatch.GetElapsedTime(wall).TotalNanoseconds / Operations;
            double cpuNs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / Operations;
            if (round > 0)
            {
                bestCpu = Math.Min(bestCpu, cpuNs);
                bestWall = Math.Min(bestWall, wallNs);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {bestCpu:0} ns CPU, {bestWall:0} ns wall (best of 5 rounds of {Operations})"));
    }
}
