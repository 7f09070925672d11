namespace Meridian.Commands.Query;

/// <summary>The arguments of <c>meridian query</c>.</summary>
public sealed record QueryOptions(ServerName Server, int Count, double IntervalSeconds, double TimeoutSeconds, bool Json)
{
    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static QueryOptions? TryCreate(string host, int count, double interval, double timeout, bool json, out string problem)
    {
        problem = !ServerName.TryParse(host, out ServerName server) ? $"'{host}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : count is < 1 or > 1000 ? "--count must be 1 to 1000"
            : interval is < 0 or > 3600 ? "--interval must be 0 to 3600 seconds"
            : timeout is <= 0 or > 60 ? "--timeout must be above 0 and at most 60 seconds"
            : "";
        return problem.Length == 0 ? new QueryOptions(server, count, interval, timeout, json) : null;
    }
}
