namespace Meridian.Core.Sync;

/// <summary>How one upstream is polled and used (from a <c>server</c> or <c>pool</c> line).</summary>
public sealed record SourceOptions(int MinPoll = 6, int MaxPoll = 10, bool Iburst = false, bool Prefer = false, bool NoSelect = false)
{
    /// <summary>Requests in an iburst: eight, two seconds apart (as ntpd).</summary>
    public const int BurstCount = 8;

    public const double BurstSpacingSeconds = 2;

    /// <summary>Set for <c>server NAME nts</c>: the edge authenticates every exchange (RFC 8915).</summary>
    public NtsUpstream? Nts { get; init; }
}
