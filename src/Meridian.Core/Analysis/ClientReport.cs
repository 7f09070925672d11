namespace Meridian.Core.Analysis;

/// <summary>
/// The abuse report operators used to write by hand over <c>/proc/net/xt_recent</c>: every client by
/// packets per second (then packet count, then oldest first); burst clients (2 to 8 packets, all
/// within 2.5 s); rapid-fire clients (two requests within 80 ms); and how far back the table is
/// complete (the oldest "last seen" it still holds).
/// </summary>
public sealed record ClientReport(
    int Tracked,
    double CompleteForSeconds,
    IReadOnlyList<ClientObservation> ByRate,
    IReadOnlyList<ClientObservation> BurstClients,
    IReadOnlyList<ClientObservation> RapidFire)
{
    public const double BurstWindowSeconds = 2.5;
    public const int BurstMinPackets = 2;
    public const int BurstMaxPackets = 8;
    public const double RapidFireSeconds = 0.080;

    public static ClientReport Build(IReadOnlyCollection<ClientObservation> clients, int top)
    {
        var byRate = clients
            .OrderByDescending(c => c.PacketsPerSecond)
            .ThenByDescending(c => c.Packets)
            .ThenByDescending(c => c.FirstSeenAgo)
            .ToList();
        return new ClientReport(
            clients.Count,
            clients.Count == 0 ? 0 : clients.Max(c => c.LastSeenAgo),
            byRate.Take(top).ToList(),
            byRate.Where(IsBurst).Take(top).ToList(),
            byRate.Where(IsRapidFire).Take(top).ToList());
    }

    public static bool IsBurst(ClientObservation c) => IsBurst(c.Packets, c.Span);

    public static bool IsBurst(long packets, double span) =>
        packets is >= BurstMinPackets and <= BurstMaxPackets && span <= BurstWindowSeconds;

    public static bool IsRapidFire(ClientObservation c) => IsRapidFire(c.MinGapSeconds);

    public static bool IsRapidFire(double? minGapSeconds) => minGapSeconds is double gap && gap <= RapidFireSeconds;
}
