using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>
/// The outcome of one NTS-KE exchange as a client: on success the negotiated AEAD, the C2S and S2C
/// keys, the cookies and where to send NTP (the server and port records, else the KE host and 123);
/// on failure the reason and a line of detail. Retrying (with backoff) is the caller's business.
/// </summary>
public sealed record NtsKeResult
{
    public const int DefaultNtpPort = 123;

    public NtsKeFailure Failure { get; init; }

    public NtsKeResponseProblem ResponseProblem { get; init; }

    /// <summary>What went wrong, for a log line; empty on success.</summary>
    public string Detail { get; init; } = "";

    public NtsAead? Aead { get; init; }

    public byte[] ClientToServerKey { get; init; } = [];

    public byte[] ServerToClientKey { get; init; } = [];

    public IReadOnlyList<byte[]> Cookies { get; init; } = [];

    /// <summary>The NTP server to use: the Server Negotiation record, else the host the KE went to.</summary>
    public string NtpServer { get; init; } = "";

    public int NtpPort { get; init; } = DefaultNtpPort;

    /// <summary>The certificate subject the server presented (once the handshake got that far).</summary>
    public string? ServerCertificate { get; init; }

    public bool Succeeded => Failure == NtsKeFailure.None;

    public static NtsKeResult Failed(NtsKeFailure failure, string detail) => new() { Failure = failure, Detail = detail };
}
