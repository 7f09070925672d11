namespace Meridian.Commands.Clients;

/// <summary>
/// What <c>meridian clients</c> was asked: the running server, or with <see cref="XtRecent"/> a dump of an
/// iptables xt_recent table whose times are jiffies at <see cref="Hz"/>; <see cref="Top"/> rows per section.
/// </summary>
public sealed record ClientsOptions(string? XtRecent, int Hz, int Top, bool Json, bool Csv)
{
    /// <summary>The most rows per section (more is clamped to it, as is less than one to one).</summary>
    public const int MaxTop = 100_000;

    /// <summary>The highest jiffies rate accepted (Linux's CONFIG_HZ is 100 to 1000).</summary>
    public const int MaxHz = 1_000_000;

    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static ClientsOptions? TryCreate(string? xtRecent, int hz, int top, bool json, bool csv, out string problem)
    {
        problem = hz is < 1 or > MaxHz ? $"--hz must be 1 to {MaxHz} jiffies per second" : "";
        return problem.Length == 0 ? new ClientsOptions(xtRecent, hz, Math.Clamp(top, 1, MaxTop), json, csv) : null;
    }
}
