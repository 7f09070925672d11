using System.Globalization;

namespace Meridian.Commands;

/// <summary>The command line of <c>meridian audit</c> as given, checked here so every usage error exits 2.</summary>
public sealed record AuditUsage(string? Target, string Timeout, bool Json, IReadOnlyList<string> Unexpected)
{
    public const double MaxWindowSeconds = 60;

    /// <summary>The target and window, or the reason the command line is wrong.</summary>
    public bool TryValidate(out ServerName target, out TimeSpan window, out string problem)
    {
        target = null!;
        window = TimeSpan.Zero;
        double seconds = 0;
        problem = Unexpected.Count > 0 ? $"unexpected '{string.Join(' ', Unexpected)}'"
            : Target is null ? "HOST[:PORT] is required"
            : !ServerName.TryParse(Target, out target) ? $"'{Target}' is not HOST, HOST:PORT or [IPv6]:PORT"
            : !double.TryParse(Timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || !(seconds > 0 && seconds <= MaxWindowSeconds)
                ? $"--timeout '{Timeout}' is not a number of seconds above 0 and at most {MaxWindowSeconds}"
            : "";
        if (problem.Length > 0)
        {
            return false;
        }

        window = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
