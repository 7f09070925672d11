namespace Meridian.Commands.Monitor;

/// <summary>One line of <c>meridian monitor --json</c>.</summary>
public sealed record MonitorRecord(
    string Time, string Server, double? OffsetSeconds, double? DelaySeconds, int? Stratum, double? Step, double Score, bool InPool, string Status, string? Kiss);
