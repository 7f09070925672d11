namespace Meridian.Core.Sync;

/// <summary>Where the discipline is (RFC 5905 §11.3 names).</summary>
public enum DisciplineState
{
    /// <summary>No update yet.</summary>
    Unset,

    /// <summary>Measuring the frequency after the first update (no drift file).</summary>
    FrequencyMeasure,

    /// <summary>Correcting phase and frequency.</summary>
    Sync,

    /// <summary>The last offset exceeded the panic threshold: not corrected.</summary>
    Panic,
}
