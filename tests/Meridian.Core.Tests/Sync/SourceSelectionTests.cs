using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>Selection and combining (RFC 5905 §11.2): intersection, cluster, system peer, weighted offset.</summary>
public class SourceSelectionTests
{
    private const double Quiet = 0.01;

    [Theory]
    [InlineData(new[] { 2, 1, 2, 3 }, new[] { 0.01, 0.01, 0.01, 0.01 }, 1)]
    [InlineData(new[] { 2, 2, 2, 2 }, new[] { 0.02, 0.015, 0.01, 0.03 }, 2)]
    [InlineData(new[] { 2, 1, 1, 2 }, new[] { 0.001, 0.02, 0.01, 0.001 }, 2)]
    [InlineData(new[] { 3, 3, 3, 2 }, new[] { 0.001, 0.001, 0.001, 0.05 }, 3)]
    public void FourAgreeingCandidates_AllSurvive_AndTheSystemPeerIsTheLowestStratumThenTheSmallestRootDistance(int[] strata, double[] distances, int expectedPeer)
    {
        double[] offsets = [0.0010, 0.0012, 0.0008, 0.0011];
        var candidates = Enumerable.Range(0, 4).Select(i => Candidate(i, offsets[i], distances[i], stratum: strata[i])).ToList();

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);

        Assert.True(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal(expectedPeer, result.SystemPeer);
        Assert.All(Enumerable.Range(0, 4), id => Assert.Equal(id == expectedPeer ? Tally.SystemPeer : Tally.Candidate, result.Tallies[id]));
        Assert.InRange(result.Offset, 0.0008, 0.0012);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    [InlineData(0.03)]
    public void MarksTheOneCandidateFarFromTheOthers_AsFalseticker(double farOffset)
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.000), Candidate(1, 0.001), Candidate(2, -0.001), Candidate(3, farOffset)];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);

        Assert.True(result.Succeeded);
        Assert.Equal(Tally.Falseticker, result.Tallies[3]);
        Assert.All([0, 1, 2], id => Assert.Contains(result.Tallies[id], new[] { Tally.SystemPeer, Tally.Candidate }));
        Assert.InRange(result.Offset, -0.001, 0.001);
    }

    [Fact]
    public void FailsWithNoMajority_WhenTheIntervalsArePairwiseDisjoint_AndMarksAllFalsetickers()
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.0, 0.1), Candidate(1, 1.0, 0.1), Candidate(2, 2.0, 0.1), Candidate(3, 3.0, 0.1)];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 1);

        Assert.False(result.Succeeded);
        Assert.Null(result.SystemPeer);
        Assert.Contains("no majority", result.Failure);
        Assert.All(candidates, c => Assert.Equal(Tally.Falseticker, result.Tallies[c.Id]));
    }

    [Fact]
    public void FailsWithNoMajority_WhenTwoCandidatesDisagree()
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.0), Candidate(1, 0.5)];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 1);

        Assert.False(result.Succeeded);
        Assert.Contains("no majority", result.Failure);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(1, 3)]
    public void Fails_WhenThereAreFewerCandidatesThanMinSaneOrMinAgreeing(int minSane, int minAgreeing)
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.000), Candidate(1, 0.001)];

        SelectionResult result = SourceSelection.Select(candidates, minSane, minClock: 3, minAgreeing);

        Assert.False(result.Succeeded);
        Assert.Contains("fewer than minsane 3", result.Failure);
        Assert.All(candidates, c => Assert.Equal(Tally.Rejected, result.Tallies[c.Id]));
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(1, 4)]
    public void Fails_WhenTheTruechimersAreFewerThanMinSaneOrMinAgreeing(int minSane, int minAgreeing)
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.000), Candidate(1, 0.001), Candidate(2, -0.001), Candidate(3, 0.5)];

        SelectionResult result = SourceSelection.Select(candidates, minSane, minClock: 3, minAgreeing);

        Assert.False(result.Succeeded);
        Assert.Contains("3 truechimers", result.Failure);
        Assert.Equal(Tally.Falseticker, result.Tallies[3]);
    }

    [Fact]
    public void ThePreferredSurvivor_IsTheSystemPeer_EvenAtAHigherStratum()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.000, stratum: 1),
            Candidate(1, 0.001, stratum: 3, prefer: true),
            Candidate(2, -0.001, stratum: 2),
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 2);

        Assert.Equal(1, result.SystemPeer);
        Assert.Equal(Tally.SystemPeer, result.Tallies[1]);
        Assert.Equal(Tally.Candidate, result.Tallies[0]);
    }

    [Fact]
    public void APreferredFalseticker_IsNotTheSystemPeer()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.000, stratum: 2),
            Candidate(1, 0.001, stratum: 1),
            Candidate(2, -0.001, stratum: 2),
            Candidate(3, 0.5, stratum: 1, prefer: true),
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);

        Assert.Equal(1, result.SystemPeer);
        Assert.Equal(Tally.Falseticker, result.Tallies[3]);
    }

    [Fact]
    public void CombinesTheSurvivorOffsets_WeightedByOneOverRootDistance()
    {
        SelectionCandidate[] candidates = [Candidate(0, 0.001, 0.01), Candidate(1, 0.002, 0.02), Candidate(2, 0.004, 0.04)];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 2);

        // Weights 100, 50 and 25: (0.1 + 0.1 + 0.1) / 175.
        Assert.Equal(0.3 / 175, result.Offset, 1e-12);
        Assert.Equal(0, result.SystemPeer);
        Assert.True(result.Jitter >= Quiet, "the system jitter includes the system peer's jitter");
    }

    /// <summary>Equal root distances (a WAN's delay dominates them), but one prediction is four times less certain: its weight is 1/16.</summary>
    [Fact]
    public void CombinesTheSurvivorOffsets_ByInverseVarianceOfTheirPredictions_WhenKnown()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.000, 0.01) with { PredictionError = 10e-6 },
            Candidate(1, 0.000, 0.01) with { PredictionError = 10e-6 },
            Candidate(2, 0.170e-3, 0.01) with { PredictionError = 40e-6 },
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 2);

        // Weights 1, 1 and 1/16: 0.170 ms / 33 = 5.15 µs (by 1/lambda it would be 56.7 µs).
        Assert.Equal(0.170e-3 / 33, result.Offset, 1e-12);
    }

    [Fact]
    public void ClusterAlgorithm_RemovesTheNoisiestSurvivor_WhenMoreThanMinClockRemain()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.0000, 0.05, jitter: 5e-4),
            Candidate(1, 0.0001, 0.05, jitter: 5e-4),
            Candidate(2, -0.0001, 0.05, jitter: 5e-4),
            Candidate(3, 0.00005, 0.05, jitter: 5e-4),
            Candidate(4, 0.0200, 0.05, jitter: 5e-4),
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);

        Assert.Equal(Tally.Outlier, result.Tallies[4]);
        Assert.Single(result.Tallies.Values, t => t == Tally.Outlier);
        Assert.Equal(4, result.Tallies.Values.Count(t => t is Tally.Candidate or Tally.SystemPeer));
        Assert.InRange(result.Offset, -0.0001, 0.0001);
    }

    [Fact]
    public void KeepsTheSystemPeer_WhenTheClusterAlgorithmLeavesItOutOfTheCombination()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.0000, 0.05, jitter: 5e-4),
            Candidate(1, 0.0001, 0.05, jitter: 5e-4),
            Candidate(2, -0.0001, 0.05, jitter: 5e-4),
            Candidate(3, 0.00005, 0.05, jitter: 5e-4),
            Candidate(4, 0.0020, 0.05, jitter: 5e-4),
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3, currentPeer: 4);

        Assert.Equal(4, result.SystemPeer);
        Assert.InRange(result.Offset, -0.0001, 0.0001);
    }

    [Fact]
    public void ClusterAlgorithm_KeepsAllSurvivors_WhenTheirSpreadIsWithinTheSmallestSourceJitter()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.0000, 0.05, jitter: 0.05),
            Candidate(1, 0.0001, 0.05, jitter: 0.03),
            Candidate(2, -0.0001, 0.05, jitter: 0.05),
            Candidate(3, 0.00005, 0.05, jitter: 0.05),
            Candidate(4, 0.0200, 0.05, jitter: 0.05),
        ];

        SelectionResult result = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);

        Assert.DoesNotContain(Tally.Outlier, result.Tallies.Values);
    }

    [Fact]
    public void ClusterAlgorithm_NeverCutsBelowMinClock()
    {
        SelectionCandidate[] candidates =
        [
            Candidate(0, 0.0000, 0.05, jitter: 1e-6),
            Candidate(1, 0.0010, 0.05, jitter: 1e-6),
            Candidate(2, -0.0010, 0.05, jitter: 1e-6),
            Candidate(3, 0.0200, 0.05, jitter: 1e-6),
        ];

        SelectionResult threeKept = SourceSelection.Select(candidates, minSane: 1, minClock: 3, minAgreeing: 3);
        SelectionResult allKept = SourceSelection.Select(candidates, minSane: 1, minClock: 4, minAgreeing: 3);

        Assert.Equal(Tally.Outlier, threeKept.Tallies[3]);
        Assert.Single(threeKept.Tallies.Values, t => t == Tally.Outlier);
        Assert.DoesNotContain(Tally.Outlier, allKept.Tallies.Values);
    }

    private static SelectionCandidate Candidate(int id, double offset, double rootDistance = 0.01, double jitter = Quiet, int stratum = 2, bool prefer = false) =>
        new(id, offset, rootDistance, jitter, stratum, prefer);
}
