namespace Meridian.Core.Client;

/// <summary>What one SNTP exchange gave.</summary>
public enum SntpStatus
{
    /// <summary>A reply with a usable time: offset, delay and distance are set.</summary>
    Valid,

    /// <summary>No reply within the timeout.</summary>
    NoReply,

    /// <summary>The server's host refused the request (ICMP port unreachable).</summary>
    Refused,

    /// <summary>Fewer than 48 bytes.</summary>
    TooShort,

    /// <summary>Not mode 4 (server), or a version other than 1 to 4.</summary>
    WrongMode,

    /// <summary>The origin timestamp is not the request's random transmit timestamp.</summary>
    OriginMismatch,

    /// <summary>Stratum 0: a kiss-o'-death, see <see cref="SntpResult.Kiss"/>.</summary>
    Kiss,

    /// <summary>LI 3 or stratum 16 and above: the server has no time to give.</summary>
    Unsynchronized,

    /// <summary>The transmit timestamp is zero.</summary>
    ZeroTransmit,
}
