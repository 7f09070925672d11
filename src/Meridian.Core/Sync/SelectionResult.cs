namespace Meridian.Core.Sync;

/// <summary>The outcome of one selection round.</summary>
public sealed record SelectionResult(
    IReadOnlyDictionary<int, Tally> Tallies,
    int? SystemPeer,
    double Offset,
    double Jitter,
    string? Failure)
{
    public bool Succeeded => SystemPeer is not null;

    /// <summary>Selection failed because no majority of the sources agrees.</summary>
    public bool NoMajority { get; init; }
}
