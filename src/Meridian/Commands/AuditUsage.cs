using System.Globalization;

namespace Meridian.Commands;

/// <summary>The command line of <c>meridian audit</c>; its values are checked here (syntax errors exit 2 in Program.Main).</summary>
public sealed record AuditUsage(string Target, double TimeoutSeconds, bool Json)
{
    public const double MaxWindowSeconds = 60;

    /// <summary>The target and window, or the reason the command line is wrong.</summary>
    public bool TryValidate(out ServerName target, out TimeSpan window, out string problem)
    {
        window = TimeSpan.Zero;
        problem = !ServerName.TryParse(Target, out target) ? $"'{Target}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : !(TimeoutSeconds > 0 && TimeoutSeconds <= MaxWindowSeconds)
                ? string.Create(CultureInfo.InvariantCulture, $"--timeout {TimeoutSeconds} is not a number of seconds above 0 and at most {MaxWindowSeconds}")
            : "";
        if (problem.Length > 0)
        {
            return false;
        }

        window = TimeSpan.FromSeconds(TimeoutSeconds);
        return true;
    }
}
