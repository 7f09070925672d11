using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// A source offered to selection: its offset, root distance (lambda), jitter and stratum; and how
/// good it is as system peer (<paramref name="PeerDistance"/>, lower is better; NaN: the root
/// distance), which leaves out what merely depends on when it was last polled.
/// </summary>
public readonly record struct SelectionCandidate(int Id, double Offset, double RootDistance, double Jitter, int Stratum, bool Prefer, double PeerDistance = double.NaN, double PredictionError = double.NaN)
{
    /// <summary>The weight of the offset in the combination: inverse variance of the prediction when known, else 1/lambda.</summary>
    public double CombineWeight => double.IsNaN(PredictionError) ? 1 / RootDistance : 1 / (PredictionError * PredictionError);

    public double PeerRank => Stratum * Rfc5905.MaxDispersion + (double.IsNaN(PeerDistance) ? RootDistance : PeerDistance);
}
