namespace Meridian.Core.Sync;

/// <summary>
/// Selection and combining (RFC 5905 §11.2): the intersection algorithm keeps the sources whose
/// correctness intervals agree with a majority (the others are falsetickers); the cluster algorithm
/// drops the noisiest survivors down to <c>minclock</c>; the survivors' offsets are averaged with
/// weights 1/lambda; the system peer is the survivor of lowest stratum and distance, or the
/// preferred one, and stays while it remains a truechimer within the hysteresis.
/// </summary>
public static class SourceSelection
{
    /// <summary>The system peer is kept while it is a truechimer and its peer distance is at most this many times the best survivor's.</summary>
    public const double PeerHysteresis = 1.5;

    /// <param name="minAgreeing">
    /// Truechimers needed: at least <paramref name="minSane"/> and a majority of all sources that
    /// could answer, so one early answer cannot outvote sources that have not answered yet.
    /// </param>
    /// <param name="currentPeer">
    /// The system peer so far: it stays while it is a truechimer (combined or not) and its distance is
    /// within <see cref="PeerHysteresis"/> times the best survivor's.
    /// </param>
    public static SelectionResult Select(IReadOnlyList<SelectionCandidate> candidates, int minSane, int minClock, int minAgreeing, int? currentPeer = null)
    {
        minSane = Math.Max(minSane, minAgreeing);
        var tallies = candidates.ToDictionary(c => c.Id, _ => Tally.Rejected);
        if (candidates.Count < minSane)
        {
            return Failed(tallies, $"{candidates.Count} usable sources, fewer than minsane {minSane}");
        }

        if (!TryIntersect(candidates, out double low, out double high))
        {
            candidates.ToList().ForEach(c => tallies[c.Id] = Tally.Falseticker);
            return Failed(tallies, "no majority of sources agrees (falsetickers)") with { NoMajority = true };
        }

        var truechimers = candidates.Where(c => c.Offset + c.RootDistance >= low && c.Offset - c.RootDistance <= high).ToList();
        foreach (SelectionCandidate c in candidates)
        {
            tallies[c.Id] = truechimers.Contains(c) ? Tally.Outlier : Tally.Falseticker;
        }

        if (truechimers.Count < minSane)
        {
            return Failed(tallies, $"{truechimers.Count} truechimers, fewer than minsane {minSane}");
        }

        List<SelectionCandidate> survivors = Cluster(truechimers, minClock);
        survivors.ForEach(s => tallies[s.Id] = Tally.Candidate);
        SelectionCandidate best = survivors.FirstOrDefault(s => s.Prefer) is { Prefer: true } preferred
            ? preferred
            : survivors.MinBy(s => s.PeerRank);
        // The system peer is kept while it is a truechimer, even when the cluster algorithm leaves it
        // out of the combination: among equivalent sources the one clustered out changes from sample
        // to sample, and with it the system peer did (up to 50 times in 10 h on a LAN).
        SelectionCandidate peer = truechimers.FirstOrDefault(s => s.Id == currentPeer) is { } current && current.Id == currentPeer
            && !best.Prefer && current.Stratum <= best.Stratum && current.PeerRank <= PeerHysteresis * best.PeerRank
            ? current
            : best;
        tallies[peer.Id] = Tally.SystemPeer;
        (double offset, double jitter) = Combine(survivors, peer);
        return new SelectionResult(tallies, peer.Id, offset, jitter, null);
    }

    /// <summary>
    /// The intersection algorithm: the smallest interval containing points of at least n - f
    /// correctness intervals, for the fewest falsetickers f with 2f &lt; n.
    /// </summary>
    private static bool TryIntersect(IReadOnlyList<SelectionCandidate> candidates, out double low, out double high)
    {
        var edges = candidates
            .SelectMany(c => new[] { (Value: c.Offset - c.RootDistance, Type: 1), (Value: c.Offset, Type: 0), (Value: c.Offset + c.RootDistance, Type: -1) })
            .OrderBy(e => e.Value).ThenByDescending(e => e.Type)
            .ToList();
        int n = candidates.Count;
        for (int allow = 0; 2 * allow < n; allow++)
        {
            (low, int midpointsBelow) = Scan(edges, n - allow, ascending: true);
            (high, int midpointsAbove) = Scan(edges, n - allow, ascending: false);
            if (midpointsBelow + midpointsAbove <= allow && low <= high)
            {
                return true;
            }
        }

        low = high = 0;
        return false;
    }

    private static (double Edge, int MidpointsPassed) Scan(List<(double Value, int Type)> edges, int needed, bool ascending)
    {
        int chime = 0;
        int midpoints = 0;
        for (int i = 0; i < edges.Count; i++)
        {
            var (value, type) = edges[ascending ? i : edges.Count - 1 - i];
            chime += ascending ? type : -type;
            if (chime >= needed)
            {
                return (value, midpoints);
            }

            if (type == 0)
            {
                midpoints++;
            }
        }

        return (ascending ? double.PositiveInfinity : double.NegativeInfinity, midpoints);
    }

    /// <summary>Removes the survivor with the largest selection jitter while that exceeds the smallest source jitter.</summary>
    private static List<SelectionCandidate> Cluster(List<SelectionCandidate> survivors, int minClock)
    {
        survivors = [.. survivors];
        while (survivors.Count > Math.Max(minClock, 1))
        {
            (SelectionCandidate worst, double worstJitter) = survivors
                .Select(s => (s, SelectionJitter(survivors, s)))
                .MaxBy(x => x.Item2);
            if (worstJitter <= survivors.Min(s => s.Jitter) || worst.Prefer)
            {
                break;
            }

            survivors.Remove(worst);
        }

        return survivors;
    }

    private static double SelectionJitter(List<SelectionCandidate> survivors, SelectionCandidate s) =>
        Math.Sqrt(survivors.Sum(o => (o.Offset - s.Offset) * (o.Offset - s.Offset)) / Math.Max(1, survivors.Count - 1));

    private static (double Offset, double Jitter) Combine(List<SelectionCandidate> survivors, SelectionCandidate peer)
    {
        double weights = survivors.Sum(s => s.CombineWeight);
        double offset = survivors.Sum(s => s.Offset * s.CombineWeight) / weights;
        double selectionJitter = Math.Sqrt(survivors.Sum(s => (s.Offset - peer.Offset) * (s.Offset - peer.Offset) * s.CombineWeight) / weights);
        return (offset, Math.Sqrt(selectionJitter * selectionJitter + peer.Jitter * peer.Jitter));
    }

    private static SelectionResult Failed(Dictionary<int, Tally> tallies, string reason) => new(tallies, null, 0, 0, reason);
}
