namespace Meridian.Core.Sync;

/// <summary>Where the discipline is (RFC 5905 §11.3 names).</summary>
public enum DisciplineState
{
    /// <summary>No update yet.</summary>
    Unset,

    /// <summary>Correcting phase and frequency.</summary>
    Sync = 2,

    /// <summary>The last offset exceeded the panic threshold: not corrected.</summary>
    Panic,
}
