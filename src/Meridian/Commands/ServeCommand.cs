using System.Net;
using System.Net.Sockets;
using Meridian.Configuration;
using Meridian.Core.Serving;
using Meridian.Hosting;
using Meridian.Net;

namespace Meridian.Commands;

/// <summary><c>meridian serve</c>: runs the server in the foreground until SIGINT or SIGTERM.</summary>
public static class ServeCommand
{
    public const int ExitListenFailed = 1;

    public static int Run(MeridianOptions options, IReadOnlyList<IPEndPoint> listenOverride)
    {
        IReadOnlyList<IPEndPoint> listen = listenOverride.Count > 0 ? listenOverride : options.EffectiveListen;
        bool isDefaultListen = listenOverride.Count == 0 && options.Listen.Count == 0;
        var publisher = new ServedStatePublisher(options.LocalClockStratum, RealtimeClock.MeasurePrecision());

        using var stop = new StopSignal();
        ServingEngine engine;
        try
        {
            engine = StartEngine(listen, isDefaultListen, publisher.Cell);
        }
        catch (ListenException e)
        {
            ConsoleLog.Error(e.Message);
            return ExitListenFailed;
        }

        using (engine)
        {
            ConsoleLog.Info($"configuration {options.Source}; serving {publisher.Description}");
            ConsoleLog.Info($"listening on {string.Join(", ", engine.LocalEndPoints.Select(ListenAddress.Format))}");
            while (!stop.Wait(TimeSpan.FromSeconds(1)))
            {
                publisher.Refresh();
            }

            ConsoleLog.Info($"stopping on {stop.Received}");
            LogCounters(engine.Counters());
        }

        return 0;
    }

    /// <summary>The default listen set skips the IPv6 wildcard on a host without IPv6; explicit addresses never are skipped.</summary>
    private static ServingEngine StartEngine(IReadOnlyList<IPEndPoint> listen, bool isDefaultListen, ServerStateCell state)
    {
        try
        {
            return ServingEngine.Start(listen, state);
        }
        catch (ListenException e) when (isDefaultListen && e.Error == SocketError.AddressFamilyNotSupported)
        {
            ConsoleLog.Warn($"{e.Message}; serving IPv4 only");
            return ServingEngine.Start(listen.Where(l => l.AddressFamily != AddressFamily.InterNetworkV6), state);
        }
    }

    private static void LogCounters(ServingCountersSnapshot counters)
    {
        var drops = counters.Drops.Where(d => d.Value > 0).Select(d => $"{d.Key}={d.Value}");
        ConsoleLog.Info($"received {counters.Received}, served {counters.Served}, dropped {counters.DroppedTotal} ({string.Join(", ", drops)})");
    }
}
