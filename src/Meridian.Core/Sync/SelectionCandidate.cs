using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// A source offered to selection: its offset, root distance (lambda), jitter and stratum; and how
/// good it is as system peer (<paramref name="PeerDistance"/>, lower is better; NaN: the root
/// distance), which leaves out what merely depends on when it was last polled.
/// </summary>
public readonly record struct SelectionCandidate(int Id, double Offset, double RootDistance, double Jitter, int Stratum, bool Prefer, double PeerDistance = double.NaN)
{
    public double PeerRank => Stratum * Rfc5905.MaxDispersion + (double.IsNaN(PeerDistance) ? RootDistance : PeerDistance);
}
