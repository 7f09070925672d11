using System.Net;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Metrics;

namespace Meridian.Hosting;

/// <summary>
/// The history (always kept, answered on the control socket as <c>history</c>) and, with a
/// <c>metrics</c> line, the HTTP endpoint for Prometheus and the dashboard. Both read the
/// <see cref="StatusSource"/>; neither touches the serving threads.
/// </summary>
public sealed class Monitoring : IDisposable
{
    private readonly HistorySampler _sampler;
    private readonly MeridianInstruments? _instruments;
    private readonly MetricsEndpoint? _endpoint;

    private Monitoring(HistorySampler sampler, MeridianInstruments? instruments, MetricsEndpoint? endpoint)
    {
        _sampler = sampler;
        _instruments = instruments;
        _endpoint = endpoint;
    }

    /// <summary>Starts both; null (after logging why) when the endpoint cannot listen.</summary>
    public static Monitoring? Start(MetricsOptions? options, StatusSource status, ControlServer control, IEnumerable<IPEndPoint> ntpEndPoints)
    {
        var history = new HistoryRecorder();
        control.History = () => HistoryDocument.Write(history);
        if (options is not null && ntpEndPoints.Any(e => e.Port == options.EndPoint.Port))
        {
            ConsoleLog.Error($"metrics {ListenAddress.Format(options.EndPoint)}: the metrics endpoint never shares the NTP port");
            return null;
        }

        MeridianInstruments? instruments = options is null ? null : new MeridianInstruments(status.Report);
        MetricsEndpoint? endpoint = null;
        try
        {
            endpoint = options is null ? null : MetricsEndpoint.Start(options, instruments!, status.Report, history, status.Clients);
        }
        catch (IOException e)
        {
            ConsoleLog.Error($"metrics {ListenAddress.Format(options!.EndPoint)}: {e.Message}");
            instruments?.Dispose();
            return null;
        }

        if (endpoint is not null)
        {
            ConsoleLog.Info($"metrics on {endpoint.Address}metrics, dashboard on {endpoint.Address}");
        }

        return new Monitoring(new HistorySampler(history, status.Sample, ConsoleLog.Warn), instruments, endpoint);
    }

    public void Dispose()
    {
        _endpoint?.Dispose();
        _instruments?.Dispose();
        _sampler.Dispose();
    }
}
