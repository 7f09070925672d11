using System.Net;
using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>The NTS-KE server's addresses and limits (defaults in parentheses).</summary>
public sealed record NtsKeServerOptions
{
    public required IReadOnlyList<IPEndPoint> Listen { get; init; }

    public NtsKeResponderOptions Responder { get; init; } = new();

    /// <summary>The TLS handshake must finish within this (5 s).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After the handshake the whole request must arrive within this (5 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections served at once; more are closed as they come (100).</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>A request's largest size in bytes (1 024; a real one is 16–40) and record count (32).</summary>
    public int MaxRequestLength { get; init; } = 1024;

    public int MaxRequestRecords { get; init; } = 32;

    /// <summary>Per client address: a burst of this many key establishments (8)…</summary>
    public int RateBurst { get; init; } = 8;

    /// <summary>…then one per this interval (2 s).</summary>
    public TimeSpan RateInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Client addresses remembered by the rate limiter (16 384; least recently seen forgotten first).</summary>
    public int RateTableSize { get; init; } = 16_384;
}
