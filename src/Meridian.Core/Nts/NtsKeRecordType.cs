namespace Meridian.Core.Nts;

/// <summary>The NTS-KE record types of RFC 8915 §4.1 (the IANA "NTS Key Establishment Record Types" registry).</summary>
public enum NtsKeRecordType : ushort
{
    /// <summary>Ends a message; critical; empty body.</summary>
    EndOfMessage = 0,

    /// <summary>The protocols the client offers (request) or the one the server chose (response); critical.</summary>
    NextProtocolNegotiation = 1,

    /// <summary>A 16-bit <see cref="NtsKeErrorCode"/>; critical; only from servers.</summary>
    Error = 2,

    /// <summary>A 16-bit warning code; critical; only from servers.</summary>
    Warning = 3,

    /// <summary>The AEAD algorithms the client offers, or the one the server chose (empty: none in common).</summary>
    AeadAlgorithmNegotiation = 4,

    /// <summary>One opaque cookie for NTPv4; never critical; only from servers.</summary>
    NewCookie = 5,

    /// <summary>The NTPv4 server to use, as ASCII host name or address text.</summary>
    ServerNegotiation = 6,

    /// <summary>The NTPv4 UDP port to use.</summary>
    PortNegotiation = 7,
}
