namespace Meridian.Core.Analysis.Capture;

/// <summary>The tcpdump LINKTYPE_ values the decoder understands.</summary>
public static class LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;

    /// <summary>Ethernet, with any number of 802.1Q / 802.1ad tags (also tcpdump <c>-i lo</c> on Linux).</summary>
    public const int Ethernet = 1;

    /// <summary>Raw IP on most systems (DLT_RAW).</summary>
    public const int RawLegacy = 12;

    /// <summary>Raw IP on OpenBSD (DLT_RAW there).</summary>
    public const int RawOpenBsd = 14;

    public const int Raw = 101;

    /// <summary>OpenBSD loopback: like <see cref="Null"/> but the family is in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>Linux cooked capture v1 (tcpdump <c>-i any</c>).</summary>
    public const int LinuxSll = 113;

    public const int IPv4 = 228;

    public const int IPv6 = 229;

    /// <summary>Linux cooked capture v2 (newer tcpdump <c>-i any</c>).</summary>
    public const int LinuxSll2 = 276;
}
