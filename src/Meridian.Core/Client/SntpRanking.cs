namespace Meridian.Core.Client;

/// <summary>The best of several exchanges with one server: a valid sample (lowest delay) beats an answer without time (kiss, unsynchronized) beats no answer.</summary>
public static class SntpRanking
{
    public static SntpResult? Best(IEnumerable<SntpResult> results)
    {
        SntpResult? best = null;
        foreach (SntpResult result in results)
        {
            if (best is null || IsBetter(result, best))
            {
                best = result;
            }
        }

        return best;
    }

    public static bool IsBetter(SntpResult candidate, SntpResult current)
    {
        int rank = Rank(candidate), currentRank = Rank(current);
        return rank != currentRank ? rank < currentRank : candidate.IsValid && candidate.Delay < current.Delay;
    }

    private static int Rank(SntpResult result) => result.Status switch
    {
        SntpStatus.Valid => 0,
        SntpStatus.Kiss or SntpStatus.Unsynchronized => 1,
        _ => 2,
    };
}
