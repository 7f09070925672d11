namespace Meridian.Core.Analysis;

/// <summary>What an amplification probe asks for: the time (modes 0/3), or management data (modes 6 and 7).</summary>
public enum ProbeKind
{
    /// <summary>An ordinary client request: one reply no larger than the request is expected.</summary>
    ClientQuery,

    /// <summary>A mode-6 control message (ntpq): a public server should send nothing back.</summary>
    Control,

    /// <summary>A mode-7 private request (ntpdc, monlist): a public server should send nothing back.</summary>
    Private,
}
