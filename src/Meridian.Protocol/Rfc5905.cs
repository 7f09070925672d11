namespace Meridian.Protocol;

/// <summary>RFC 5905 constants used by the synchronization side.</summary>
public static class Rfc5905
{
    /// <summary>Frequency tolerance PHI: 15 ppm of dispersion growth per second.</summary>
    public const double Phi = 15e-6;

    /// <summary>MAXDISP: the dispersion of an empty filter stage, 16 s.</summary>
    public const double MaxDispersion = 16;

    /// <summary>Clock filter stages.</summary>
    public const int FilterStages = 8;

    /// <summary>The most frequency correction the discipline applies: 500 ppm.</summary>
    public const double MaxFrequency = 500e-6;

    /// <summary>The lowest stratum that is not synchronized.</summary>
    public const int MaxStratum = 16;
}
