namespace Meridian.Core.Sync;

/// <summary>What a datagram from a source did.</summary>
public enum ResponseOutcome
{
    /// <summary>Not a reply to the request in flight (or malformed): ignored without side effects.</summary>
    Ignored,

    /// <summary>A valid reply whose sample did not change the filter output.</summary>
    Sampled,

    /// <summary>A valid reply that made a newer filter output.</summary>
    NewFilterOutput,

    /// <summary>A valid reply from a server that is itself not synchronized: reachable, no sample.</summary>
    Unsynchronized,

    /// <summary>A RATE kiss: polling backs off.</summary>
    KissRate,

    /// <summary>A DENY or RSTR kiss: the source is no longer polled.</summary>
    KissDeny,
}
