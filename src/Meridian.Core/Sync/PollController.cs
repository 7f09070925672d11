namespace Meridian.Core.Sync;

/// <summary>
/// The system poll exponent, driven by how well the system peer's statistics follow it: while the
/// runs test lets its fit span more than <see cref="TargetSamples"/> samples, noise dominates the
/// oscillator's wander and longer polls lose nothing, so a score rises by (n/target − 1)/target per
/// sample; with fewer the wander dominates and the score falls the same way; a sample outside the
/// prediction's bounds lowers it by log2 of how far outside. The poll moves one step each time the
/// score leaves [0, 1), so it settles where the fit holds about <see cref="TargetSamples"/> samples
/// instead of swinging between its bounds. Sources follow it within their own bounds.
/// </summary>
public sealed class PollController(int minPoll, int maxPoll)
{
    /// <summary>Samples the system peer's fit should span (chrony's polltarget has the same meaning).</summary>
    public const int TargetSamples = 10;

    private readonly int _minPoll = minPoll;
    private double _score = 0.5;

    public int Poll { get; private set; } = minPoll;

    /// <param name="fitSamples">Samples the system peer's fit spans.</param>
    /// <param name="predictionRatio">How far the newest sample fell from the prediction, in units of its bound (≤ 1: within).</param>
    public void Update(int fitSamples, double predictionRatio)
    {
        _score += predictionRatio > 1
            ? -Math.Log2(predictionRatio)
            : ((double)fitSamples / TargetSamples - 1) / TargetSamples;
        if (_score >= 1)
        {
            Poll = Math.Min(Poll + (int)_score, maxPoll);
            _score = 0.5;
        }
        else if (_score < 0)
        {
            Poll = Math.Max(Poll + (int)Math.Floor(_score), _minPoll);
            _score = 0.5;
        }
    }

    public void Reset()
    {
        _score = 0.5;
        Poll = _minPoll;
    }
}
