using System.Net;
using System.Security.Cryptography.X509Certificates;
using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>Where and how an NTS-KE client connects.</summary>
public sealed record NtsKeClientOptions
{
    /// <summary>The server's name: resolved (unless <see cref="Address"/> is set), sent as SNI and checked against the certificate.</summary>
    public required string Host { get; init; }

    public int Port { get; init; } = NtsKeAeads.DefaultPort;

    /// <summary>Connect here instead of resolving <see cref="Host"/> (the certificate is still checked for <see cref="Host"/>).</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The trust anchors (<c>ntstrustedcerts</c>); null means the system's store (/etc/ssl/certs).</summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>The AEADs offered, in order of preference.</summary>
    public IReadOnlyList<NtsAead> Aeads { get; init; } = NtsKeAeads.Supported;

    /// <summary>The whole exchange (connect, handshake, request, response) must finish within this.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest response read (16 KiB, as chrony).</summary>
    public int MaxResponseLength { get; init; } = 16 * 1024;
}
