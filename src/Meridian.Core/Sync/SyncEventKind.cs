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
}
