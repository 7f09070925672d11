using Meridian.Commands.Query;

namespace Meridian.Commands.Monitor;

/// <summary>The arguments of <c>meridian monitor</c>; <see cref="Checks"/> null runs until SIGINT or SIGTERM.</summary>
public sealed record MonitorOptions(
    ServerName Server,
    ServerName? Reference,
    double IntervalSeconds,
    double SpacingSeconds,
    double TimeoutSeconds,
    int? Checks,
    bool Json)
{
    /// <summary>Queries per check, the best kept (the pool's monitor sends up to three).</summary>
    public const int QueriesPerCheck = 3;

    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static MonitorOptions? TryCreate(
        string host, string? reference, double interval, double spacing, double timeout, int? checks, bool json, out string problem)
    {
        ServerName? referenceName = null;
        problem = !ServerName.TryParse(host, out ServerName server) ? $"'{host}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : reference is not null && !ServerName.TryParse(reference, out referenceName) ? $"--reference '{reference}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : interval is < 0.01 or > 86400 ? "--interval must be 0.01 to 86400 seconds"
            : spacing is < 0 or > 60 ? "--spacing must be 0 to 60 seconds"
            : timeout is <= 0 or > 60 ? "--timeout must be above 0 and at most 60 seconds"
            : checks is < 1 ? "--checks must be at least 1"
            : "";
        return problem.Length == 0 ? new MonitorOptions(server, referenceName, interval, spacing, timeout, checks, json) : null;
    }
}
