namespace Meridian.Core.Sync;

/// <summary>
/// The system poll exponent, driven by how well the system peer's statistics follow it: while the
/// runs test lets its fit span more than <see cref="TargetSamples"/> samples, noise dominates the
/// oscillator's wander and longer polls lose nothing, so a score rises by (n/target − 1)/target per
/// sample; with fewer the wander dominates and the score falls the same way; a sample outside the
/// prediction's bounds lowers it by log2 of how far outside, and so does a sample more than
/// <see cref="InnovationLimit"/> standard deviations from the prediction (noise and the prediction's
/// own error): the oscillator wandered more between polls than the noise explains, so the poll is too
/// long for it (with one source at 1024 s the error ran up to 200 µs between samples that all stayed
/// within their delay bounds). The poll moves one step each time the
/// score leaves [0, 1), so it settles where the fit holds about <see cref="TargetSamples"/> samples
/// instead of swinging between its bounds. Sources follow it within their own bounds.
/// </summary>
public sealed class PollController(int minPoll, int maxPoll)
{
    /// <summary>Samples the system peer's fit should span (chrony's polltarget has the same meaning).</summary>
    public const int TargetSamples = 10;

    /// <summary>Standard deviations of a sample from the prediction above which the poll is too long (measured: 3 doubled the traffic, 8 left one-server wander).</summary>
    public const double InnovationLimit = 5;

    private readonly int _minPoll = minPoll;
    private double _score = 0.5;

    public int Poll { get; private set; } = minPoll;

    /// <param name="fitSamples">Samples the system peer's fit spans.</param>
    /// <param name="predictionRatio">How far the newest sample fell from the prediction, in units of its bound (≤ 1: within).</param>
    /// <param name="innovation">How far the newest sample fell from the prediction, in standard deviations.</param>
    public void Update(int fitSamples, double predictionRatio, double innovation = 0)
    {
        predictionRatio = Math.Max(predictionRatio, innovation / InnovationLimit);
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
