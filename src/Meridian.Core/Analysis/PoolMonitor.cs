using Meridian.Core.Client;

namespace Meridian.Core.Analysis;

/// <summary>
/// The NTP Pool monitor's view of one server, check after check (sans IO: the edge runs the queries
/// and hands over the best answer of each check). The offset is the server's from the local clock, or
/// with a reference server the server's minus the reference's; a check whose reference gave no time
/// is skipped (the score stays), as a monitor must not blame a server for its own clock.
/// </summary>
public sealed class PoolMonitor(bool hasReference)
{
    public double Score { get; private set; }

    public PoolCheck HandleCheck(SntpResult? server, SntpResult? reference = null)
    {
        if (hasReference && reference is not { IsValid: true })
        {
            return new PoolCheck(server, reference, null, null, Score);
        }

        double? offset = server is { IsValid: true } ? server.Offset - (reference?.Offset ?? 0) : null;
        double step = PoolScore.Step(server, offset ?? 0);
        Score = PoolScore.Next(Score, step);
        return new PoolCheck(server, reference, offset, step, Score);
    }
}
