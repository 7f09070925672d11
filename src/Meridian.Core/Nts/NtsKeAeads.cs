namespace Meridian.Core.Nts;

/// <summary>What NTS-KE needs to know of each AEAD: the supported ones and the key length exported for each (RFC 8915 §5.1).</summary>
public static class NtsKeAeads
{
    /// <summary>The algorithms Meridian negotiates, all of which the key export covers.</summary>
    public static readonly IReadOnlyList<NtsAead> Supported = [NtsAead.AesSivCmac256, NtsAead.AesSivCmac512];

    /// <summary>The NTPv4 protocol id in Next Protocol Negotiation (and the first two bytes of the exporter context).</summary>
    public const ushort NtpV4Protocol = 0;

    /// <summary>The TLS exporter label (RFC 8915 §5.1).</summary>
    public const string ExporterLabel = "EXPORTER-network-time-security";

    /// <summary>The TLS ALPN protocol id (RFC 8915 §4).</summary>
    public const string AlpnProtocol = "ntske/1";

    /// <summary>The IANA port of NTS-KE.</summary>
    public const int DefaultPort = 4460;

    public static bool IsSupported(ushort id) => id is (ushort)NtsAead.AesSivCmac256 or (ushort)NtsAead.AesSivCmac512;

    /// <summary>The key length in bytes of <paramref name="aead"/>: 32 for AES-SIV-CMAC-256, 64 for -512.</summary>
    public static int KeyLength(NtsAead aead) => aead switch
    {
        NtsAead.AesSivCmac256 => 32,
        NtsAead.AesSivCmac512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(aead), aead, "not a supported AEAD"),
    };

    /// <summary>
    /// The exporter context for one direction: the NTPv4 protocol id, the AEAD id, then 0x00 for
    /// the client-to-server key or 0x01 for the server-to-client key (RFC 8915 §5.1).
    /// </summary>
    public static byte[] ExporterContext(NtsAead aead, bool serverToClient) =>
        [0, 0, (byte)((ushort)aead >> 8), (byte)aead, serverToClient ? (byte)1 : (byte)0];
}
