namespace Meridian.Core.Sync;

public enum DisciplineAction
{
    /// <summary>The correction was updated by a slew (and frequency change).</summary>
    Slewed,

    /// <summary>The served clock was stepped by the offset.</summary>
    Stepped,

    /// <summary>An offset above the step threshold that has not yet lasted the stepout interval: ignored.</summary>
    SpikeIgnored,

    /// <summary>An offset above the panic threshold: refused.</summary>
    Refused,
}

/// <summary>What one discipline update did.</summary>
public readonly record struct DisciplineUpdate(DisciplineAction Action, double Offset);
