namespace Meridian.Core.Client;

/// <summary>What a server's reply to one of our requests is (<see cref="ServerReply.Check"/>).</summary>
public enum ReplyVerdict
{
    /// <summary>A reply with a usable time.</summary>
    Valid,

    /// <summary>Fewer than 48 bytes.</summary>
    TooShort,

    /// <summary>Not mode 4 (server), or a version other than 1 to 4.</summary>
    WrongMode,

    /// <summary>The origin timestamp is not our request's transmit timestamp: not an answer to it.</summary>
    OriginMismatch,

    /// <summary>Stratum 0: a kiss-o'-death, its code in the reference ID.</summary>
    Kiss,

    /// <summary>LI 3 or stratum 16 and above: the server has no time to give.</summary>
    Unsynchronized,

    /// <summary>The transmit timestamp is zero.</summary>
    ZeroTransmit,
}
