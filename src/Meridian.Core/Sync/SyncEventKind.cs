namespace Meridian.Core.Sync;

/// <summary>What a <see cref="SyncEvent"/> reports.</summary>
public enum SyncEventKind
{
    RateKiss,
    DenyKiss,
    AddressesInUse,
    ResolveFailed,
    NoSelectableSources,
    NoMajority,
    SystemPeerChanged,
    Stepped,
    PanicRefused,
    PoolSourceReplaced,
    SourceUnreachable,
    SourceReachable,
    SourceFalseticker,
    Synchronized,
    Holdover,
    Unsynchronized,
    UpstreamAdded,
    UpstreamRemoved,

    /// <summary>A leap second is armed: announced to clients (or smeared) until it passes.</summary>
    LeapScheduled,

    /// <summary>The armed leap second has passed.</summary>
    LeapPassed,

    /// <summary>A valid leap file withdrew a leap second armed before it happened.</summary>
    LeapCancelled,

    /// <summary>The selected upstreams' majority and the leap file disagree about today's leap; the file wins.</summary>
    LeapDisagreement,

    /// <summary>The leap file is expired or expires within 30 days (at start, at a reload, then daily).</summary>
    LeapFileExpiring,
}
