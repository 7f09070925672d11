using System.Net;

namespace Meridian.Configuration;

public enum RestrictTarget
{
    /// <summary><c>restrict default</c>: every address of the family.</summary>
    Default,

    /// <summary><c>restrict source</c>: the addresses of configured upstream servers.</summary>
    Source,

    /// <summary>An address with a prefix length (from <c>mask</c> or CIDR).</summary>
    Network,
}

public enum RestrictFamily
{
    Any,
    IPv4,
    IPv6,
}

/// <summary>One <c>restrict</c> line.</summary>
public sealed class RestrictOptions
{
    public RestrictTarget Target { get; set; }

    public RestrictFamily Family { get; set; }

    public IPAddress? Address { get; set; }

    public int PrefixLength { get; set; }

    public RestrictFlags Flags { get; set; }
}
