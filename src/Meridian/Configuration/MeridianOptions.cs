using System.Net;
using Meridian.Core.Leap;

namespace Meridian.Configuration;

/// <summary>The effective configuration: the file's directives over the built-in defaults.</summary>
public sealed class MeridianOptions
{
    public const int NtpPort = 123;

    public static readonly IReadOnlyList<IPEndPoint> DefaultListen =
    [
        new IPEndPoint(IPAddress.Any, NtpPort),
        new IPEndPoint(IPAddress.IPv6Any, NtpPort),
    ];

    public string Source { get; set; } = "";

    public List<UpstreamOptions> Upstreams { get; } = [];

    public List<RestrictOptions> Restrictions { get; } = [];

    /// <summary>Addresses from <c>listen</c> lines; empty means <see cref="DefaultListen"/>.</summary>
    public List<IPEndPoint> Listen { get; } = [];

    public IReadOnlyList<IPEndPoint> EffectiveListen => Listen.Count > 0 ? Listen : DefaultListen;

    public string? DriftFile { get; set; }

    public string? LeapFile { get; set; }

    /// <summary><c>ntsdumpdir DIR</c> (chrony's name): where the NTS master keys are kept across restarts; null keeps them in memory only.</summary>
    public string? NtsDumpDirectory { get; set; }

    /// <summary><c>ntsrotate SECONDS</c> (chrony's name): seconds between new NTS master keys; 0 never rotates; null is the default (a day).</summary>
    public long? NtsRotateSeconds { get; set; }

    /// <summary><c>leapsmear INTERVAL [linear|cosine]</c>; null (the default): leap seconds are announced and passed as NTP defines them.</summary>
    public LeapSmear? LeapSmear { get; set; }

    public string? LogFile { get; set; }

    public string? ControlSocket { get; set; }

    /// <summary><c>user NAME</c>: started as root, the server binds its sockets and then runs as this user.</summary>
    public string? User { get; set; }

    /// <summary><c>metrics ADDR:PORT</c>: the HTTP endpoint for Prometheus and the dashboard; null (the default) means off.</summary>
    public MetricsOptions? Metrics { get; set; }

    /// <summary><c>statsdir DIR</c>: where the statistics files go; without it none are written.</summary>
    public string? StatsDir { get; set; }

    /// <summary>The statistics file sets named by <c>statistics</c> or <c>filegen</c> lines, in order of first mention.</summary>
    public List<FileGenOptions> FileGens { get; } = [];

    /// <summary><c>interface</c> (and <c>nic</c>) rules in file order; the last that matches an address decides.</summary>
    public List<InterfaceRule> Interfaces { get; } = [];

    /// <summary><c>maxrequestage MS</c>: a request older than this when read is dropped as stale; null means the default (10 ms).</summary>
    public double? MaxRequestAgeMs { get; set; }

    /// <summary>The bound the serving loops apply: <see cref="MaxRequestAgeMs"/> or <see cref="Core.Serving.RequestAge.Default"/>.</summary>
    public Core.Serving.RequestAge MaxRequestAge => MaxRequestAgeMs is double ms ? new(ms / 1000) : Core.Serving.RequestAge.Default;

    /// <summary><c>local stratum N</c>: serve the local clock at this stratum when not synchronized.</summary>
    public int? LocalStratum { get; set; }

    /// <summary>The NTS directives (<c>ntsservercert</c>, <c>ntsserverkey</c>, <c>ntsport</c>, …).</summary>
    public NtsOptions Nts { get; } = new();

    public List<TuningValue> Tos { get; } = [];

    public List<TuningValue> Tinker { get; } = [];

    public List<TuningValue> Discard { get; } = [];

    public List<TuningValue> RateLimit { get; } = [];

    public SortedSet<string> Enable { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Disable { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Lines that parse but do not do what they seem to (a <c>ratelimit</c> that limits nothing, a
    /// <c>kod</c> that sends nothing), as <c>FILE:LINE: text</c>; shown by <c>config check</c> and at start.
    /// </summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// The stratum at which the local clock is served while no upstream is usable: from
    /// <c>local stratum N</c>, or from ntpd's <c>tos orphan N</c>; null when the server says
    /// "not synchronized" instead.
    /// </summary>
    public int? LocalClockStratum =>
        LocalStratum ?? (int?)TuningValue.Last(Tos, "orphan");
}
