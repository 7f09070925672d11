namespace Meridian.Commands;

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
}
