namespace Meridian.Configuration;

/// <summary>The flags of an ntpd <c>restrict</c> line.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "ntpd's own name for them: restrict flags")]
public enum RestrictFlags
{
    None = 0,
    Ignore = 1 << 0,
    NoServe = 1 << 1,
    Limited = 1 << 2,
    Kod = 1 << 3,
    NoQuery = 1 << 4,
    NoModify = 1 << 5,
    NoTrap = 1 << 6,
    NoPeer = 1 << 7,
    NoTrust = 1 << 8,
    NoMruList = 1 << 9,
    NoEpeer = 1 << 10,
    NtpPort = 1 << 11,
    Version = 1 << 12,
    LowPrioTrap = 1 << 13,
}
