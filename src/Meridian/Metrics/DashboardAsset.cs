namespace Meridian.Metrics;

/// <summary>A static file of the dashboard, embedded in the assembly: the page works offline, with no CDN and no build step.</summary>
public sealed record DashboardAsset(string Path, string ContentType, byte[] Content)
{
    public static IReadOnlyList<DashboardAsset> All { get; } =
    [
        Load("/", "index.html", "text/html; charset=utf-8"),
        Load("/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
        Load("/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
        Load("/uPlot.iife.min.js", "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
        Load("/uPlot.min.css", "uPlot.min.css", "text/css; charset=utf-8"),
        Load("/uPlot-LICENSE.txt", "uPlot-LICENSE.txt", "text/plain; charset=utf-8"),
    ];

    private static DashboardAsset Load(string path, string resource, string contentType)
    {
        using Stream stream = typeof(DashboardAsset).Assembly.GetManifestResourceStream("dashboard/" + resource)
            ?? throw new InvalidOperationException($"dashboard resource {resource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DashboardAsset(path, contentType, copy.ToArray());
    }
}
