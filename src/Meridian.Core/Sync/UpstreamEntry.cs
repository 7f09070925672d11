using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// A configured upstream and the sources made from its addresses, with DNS retry backoff
/// (2 s doubling to an hour) and pool replacement of unreachable or falseticking sources.
/// </summary>
internal sealed class UpstreamEntry(int index, UpstreamSpec spec)
{
    public const double MinBackoffSeconds = 2;
    public const double MaxBackoffSeconds = 3600;

    /// <summary>Pool sources this many polls without an answer are replaced.</summary>
    public const int ReplaceAfterUnansweredPolls = 8;

    /// <summary>Pool sources found falsetickers this many selections in a row are replaced.</summary>
    public const int ReplaceAfterFalsetickerRounds = 4;

    private double _backoff = MinBackoffSeconds;

    public int Index { get; } = index;

    public UpstreamSpec Spec { get; } = spec;

    public List<UpstreamSource> Sources { get; } = [];

    public MonotonicTime NextResolve { get; private set; }

    public bool Resolving { get; private set; }

    public bool Wanted => Sources.Count < (Spec.IsPool ? Spec.MaxSources : 1);

    public bool ResolveDue(MonotonicTime now) => Wanted && !Resolving && now >= NextResolve;

    public ResolveRequest StartResolve()
    {
        Resolving = true;
        return new ResolveRequest(Index, Spec.Name, Spec.Port);
    }

    public void ResolveSucceeded(MonotonicTime now)
    {
        Resolving = false;
        _backoff = MinBackoffSeconds;
        NextResolve = now.AddSeconds(Spec.IsPool ? 64 : MinBackoffSeconds);
    }

    public double ResolveFailed(MonotonicTime now)
    {
        Resolving = false;
        double wait = _backoff;
        _backoff = Math.Min(_backoff * 2, MaxBackoffSeconds);
        NextResolve = now.AddSeconds(wait);
        return wait;
    }

    /// <summary>Pool sources that should give way to fresh addresses.</summary>
    public IEnumerable<UpstreamSource> Replaceable() => !Spec.IsPool ? [] : Sources.Where(s =>
        s.Denied
        || (s.Reach == 0 && s.PollsSent >= ReplaceAfterUnansweredPolls)
        || s.FalsetickerRounds >= ReplaceAfterFalsetickerRounds);
}
