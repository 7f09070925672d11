using System.Net;
using System.Text.Json;
using Meridian.Configuration;
using Meridian.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Meridian.Metrics;

/// <summary>
/// The HTTP endpoint (Kestrel, on thread-pool threads; the serving threads are not among them):
/// <c>/metrics</c> in Prometheus text format (OpenMetrics when the scraper asks), the dashboard at
/// <c>/</c>, and the JSON it reads (<c>/api/status</c>, <c>/api/history</c>, <c>/api/clients</c>).
/// Loopback clients and the configured <c>allow</c> prefixes get answers; others get 403.
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly WebApplication _app;
    private readonly MeterProvider _meters;

    private MetricsEndpoint(WebApplication app, MeterProvider meters, Uri address)
    {
        _app = app;
        _meters = meters;
        Address = address;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:9123/</c> (the real port when the configuration said 0).</summary>
    public Uri Address { get; }

    public static MetricsEndpoint Start(MetricsOptions options, MeridianInstruments instruments, Func<StatusReport> report, HistoryRecorder history, Func<int, ClientsReportDocument> clients)
    {
        MeterProvider meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MeridianInstruments.MeterName)
            .AddPrometheusExporter(o =>
            {
                o.ScrapeResponseCacheDurationMilliseconds = 0; // every scrape reads the server now
                o.ScopeInfoEnabled = false; // no otel_scope_* label on every series
                o.TargetInfoEnabled = false; // meridian_build_info says what runs
            })
            .Build();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "meridian", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(meters);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 0;
            k.Listen(options.EndPoint, l => l.Protocols = HttpProtocols.Http1);
        });
        WebApplication app = builder.Build();
        var scrape = new SemaphoreSlim(1, 1);
        app.Use(async (context, next) =>
        {
            if (context.Connection.RemoteIpAddress is not IPAddress client || !options.Allows(client))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            if (context.Request.Path == "/metrics")
            {
                // One reading per scrape, taken just before the exporter collects; scrapes take turns.
                await scrape.WaitAsync(context.RequestAborted);
                try
                {
                    instruments.Capture();
                    await next(context);
                }
                finally
                {
                    scrape.Release();
                }

                return;
            }

            await next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint();
        MapDashboard(app, report, history, clients);
        app.StartAsync().GetAwaiter().GetResult();
        string bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new MetricsEndpoint(app, meters, new Uri(bound.TrimEnd('/') + "/"));
        WarmUp(endpoint.Address);
        return endpoint;
    }

    /// <summary>
    /// Scrapes once at start. The first scrape loads and compiles the exporter's code (about 70 ms
    /// with the JIT build); a serving thread sharing a core with it, at real-time priority, was held
    /// that long and dropped its requests as stale. Paid now, before clients are answered.
    /// </summary>
    private static void WarmUp(Uri address)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            client.GetStringAsync(new Uri(address, "metrics")).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A failed warm-up costs only the first scrape's speed.
        }
    }

    public void Dispose()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            _app.StopAsync(timeout.Token).GetAwaiter().GetResult();
        }

        ((IDisposable)_app).Dispose();
        _meters.Dispose();
    }

    /// <summary>
    /// The dashboard's JSON and static files. Handlers are plain <see cref="RequestDelegate"/>s and
    /// the JSON uses the generated serializers, so nothing here needs reflection (Native AOT).
    /// </summary>
    private static void MapDashboard(WebApplication app, Func<StatusReport> report, HistoryRecorder history, Func<int, ClientsReportDocument> clients)
    {
        app.MapGet("/api/status", context => WriteJson(context, JsonSerializer.Serialize(report(), ControlJson.Wire.StatusReport)));
        app.MapGet("/api/history", context => WriteJson(context, HistoryDocument.Write(history, Query(context, "after") ?? long.MinValue)));
        app.MapGet("/api/clients", context =>
            WriteJson(context, JsonSerializer.Serialize(clients((int)Math.Clamp(Query(context, "top") ?? 20, 1, 1000)), ControlJson.Wire.ClientsReportDocument)));
        foreach (DashboardAsset asset in DashboardAsset.All)
        {
            app.MapGet(asset.Path, context =>
            {
                context.Response.ContentType = asset.ContentType;
                return context.Response.Body.WriteAsync(asset.Content).AsTask();
            });
        }
    }

    /// <summary>A whole-number query parameter, or null when it is absent or not a number.</summary>
    private static long? Query(HttpContext context, string name) =>
        long.TryParse(context.Request.Query[name], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long value) ? value : null;

    private static Task WriteJson(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }

}
