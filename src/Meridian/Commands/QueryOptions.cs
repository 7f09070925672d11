namespace Meridian.Commands;

/// <summary>The arguments of <c>meridian query</c>.</summary>
public sealed record QueryOptions(ServerName Server, int Count, double IntervalSeconds, double TimeoutSeconds, bool Json);
