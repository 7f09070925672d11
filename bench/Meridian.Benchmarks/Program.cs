using BenchmarkDotNet.Running;
using Meridian.Core.RateLimiting;

if (args.Length > 0 && args[0] == "memory")
{
    // The client table's real footprint: a 16-million-client table, measured on the managed heap.
    long before = GC.GetTotalMemory(forceFullCollection: true);
    var table = new ClientTable(1 << 24, 1, 2);
    long after = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"clients: {table.Capacity:N0}; heap: {(after - before) / 1048576.0:0.0} MiB; {(after - before) / (double)table.Capacity:0.00} bytes per client");
    GC.KeepAlive(table);
    return;
}

if (args.Length > 0 && args[0] == "workers")
{
    Meridian.Benchmarks.WorkerTableComparison.Run();
    return;
}

if (args.Length > 0 && args[0] == "nts-cpu")
{
    Meridian.Benchmarks.NtsCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
