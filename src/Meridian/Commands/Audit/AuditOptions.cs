using System.Globalization;
using Meridian.Commands.Query;

namespace Meridian.Commands.Audit;

/// <summary>What <c>meridian audit</c> was asked: the server, how long to collect replies to each probe, and how to print.</summary>
public sealed record AuditOptions(ServerName Target, TimeSpan Window, bool Json)
{
    public const double MaxWindowSeconds = 60;

    /// <summary>The options from the command line's values, or the reason they are wrong (a usage error).</summary>
    public static AuditOptions? TryCreate(string target, double timeoutSeconds, bool json, out string problem)
    {
        problem = !ServerName.TryParse(target, out ServerName name) ? $"'{target}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : !(timeoutSeconds > 0 && timeoutSeconds <= MaxWindowSeconds)
                ? string.Create(CultureInfo.InvariantCulture, $"--timeout {timeoutSeconds} is not a number of seconds above 0 and at most {MaxWindowSeconds}")
            : "";
        return problem.Length == 0 ? new AuditOptions(name, TimeSpan.FromSeconds(timeoutSeconds), json) : null;
    }
}
