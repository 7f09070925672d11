namespace Meridian.Core.Sync;

/// <summary>
/// The system poll exponent (RFC 5905 §11.3): it rises while clock updates show offsets within
/// four times the jitter and falls when they do not, with hysteresis, so polls grow only once the
/// clock has settled and shrink when it is disturbed. Sources follow it within their own bounds.
/// While the jitter is above <see cref="MaxJitterToRise"/> the poll does not rise (and falls back
/// to minpoll): the phase loop averages a fixed number of polls, so a noisy path is averaged as
/// well at 64 s as at 1024 s, and at 64 s the oscillator wanders sixteen times less in between.
/// </summary>
public sealed class PollController(int minPoll, int maxPoll)
{
    private readonly int _minPoll = minPoll;

    private const double PollGate = 4;
    private const int Limit = 30;

    /// <summary>The system jitter, in seconds, above which the poll stays short (docs/accuracy.md).</summary>
    public const double MaxJitterToRise = 50e-6;

    private int _count;

    public int Poll { get; private set; } = minPoll;

    public void Update(double offset, double jitter)
    {
        if (Math.Abs(offset) < PollGate * jitter && jitter < MaxJitterToRise)
        {
            _count += Poll;
            if (_count > Limit)
            {
                _count = 0;
                Poll = Math.Min(Poll + 1, maxPoll);
            }
        }
        else
        {
            _count -= 2 * Poll;
            if (_count < -Limit)
            {
                _count = 0;
                Poll = Math.Max(Poll - 1, _minPoll);
            }
        }
    }

    public void Reset()
    {
        _count = 0;
        Poll = _minPoll;
    }
}
