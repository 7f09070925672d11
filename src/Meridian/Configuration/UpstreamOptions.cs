namespace Meridian.Configuration;

public enum UpstreamKind
{
    Server,
    Pool,
}

/// <summary>One <c>server</c> or <c>pool</c> line.</summary>
public sealed class UpstreamOptions
{
    public const int DefaultMinPoll = 6;
    public const int DefaultMaxPoll = 10;

    public UpstreamKind Kind { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; } = 123;

    public bool Iburst { get; set; }

    public bool Burst { get; set; }

    public bool Prefer { get; set; }

    public bool NoSelect { get; set; }

    public int MinPoll { get; set; } = DefaultMinPoll;

    public int MaxPoll { get; set; } = DefaultMaxPoll;

    public int Version { get; set; } = 4;

    /// <summary>For <c>pool</c>: how many of its addresses to keep as sources.</summary>
    public int MaxSources { get; set; } = 4;

    /// <summary><c>nts</c> (chrony's option): every exchange authenticated with NTS (RFC 8915), keys from NTS-KE with this host.</summary>
    public bool Nts { get; set; }

    /// <summary><c>ntsport PORT</c> (chrony's option): the NTS-KE TCP port (default 4460).</summary>
    public int NtsPort { get; set; } = Meridian.Core.Sync.NtsUpstream.DefaultKePort;
}
