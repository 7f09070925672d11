namespace Meridian.Core.Sync;

/// <summary>The selection verdict on a source, shown as the tally code of <c>ntpq -p</c>.</summary>
public enum Tally
{
    /// <summary>' ': not usable (unreachable, no samples, unsynchronized, too far, noselect).</summary>
    Rejected,

    /// <summary>'x': outside the intersection of the majority's intervals.</summary>
    Falseticker,

    /// <summary>'-': a truechimer discarded by the cluster algorithm.</summary>
    Outlier,

    /// <summary>'+': a survivor, combined into the system offset.</summary>
    Candidate,

    /// <summary>'*': the system peer.</summary>
    SystemPeer,
}
