namespace Meridian.Core.Serving;

/// <summary>Why a datagram on the NTP port got no answer. Every drop is counted by one of these.</summary>
public enum DropReason : byte
{
    None = 0,

    /// <summary>P1: fewer than 48 bytes.</summary>
    LengthTooShort,

    /// <summary>P1: more than <see cref="RequestClassifier.MaxRequestLength"/> bytes.</summary>
    LengthTooLong,

    /// <summary>P1: length not a multiple of 4.</summary>
    LengthNotMultipleOf4,

    /// <summary>P2: version 0, 5, 6 or 7.</summary>
    VersionUnsupported,

    /// <summary>P3: mode 0, except NTPv1 from a source port other than 123.</summary>
    ModeReserved,

    /// <summary>P3: symmetric active or passive (modes 1, 2): no peering state is ever created.</summary>
    ModeSymmetric,

    /// <summary>P3: server or broadcast (modes 4, 5): answering replies makes ping-pong loops.</summary>
    ModeServerOrBroadcast,

    /// <summary>P3: mode 6 control queries (READVAR, READSTAT, MRU, configure).</summary>
    ModeControl,

    /// <summary>P3: mode 7 private requests (monlist).</summary>
    ModePrivate,

    /// <summary>P9: extension fields that do not parse within their bounds, or a malformed trailer.</summary>
    ExtensionFieldMalformed,

    /// <summary>P8/P9: NTS extension fields while NTS is off.</summary>
    ExtensionFieldNts,

    /// <summary>P8: a MAC with a key this server does not have.</summary>
    AuthenticationUnknownKey,

    /// <summary>P8: a 4-byte crypto-NAK shape.</summary>
    AuthenticationCryptoNak,

    /// <summary>P6: source port 0.</summary>
    SourcePortZero,

    /// <summary>P6: unspecified, broadcast or multicast source address.</summary>
    SourceAddressInvalid,

    /// <summary>P6: request sent to a broadcast or multicast address.</summary>
    DestinationNotUnicast,

    /// <summary>P6: the server's own address with source port 123 (a reflection loop).</summary>
    SourceIsServer,

    /// <summary>P5: a <c>restrict</c> rule says <c>ignore</c> or <c>noserve</c> for the source.</summary>
    AccessDenied,

    /// <summary>P7: the client is over its rate limit.</summary>
    RateLimited,

    /// <summary>P7: the global egress budget is spent.</summary>
    GlobalBudget,

    /// <summary>P4: a reply longer than its request reached the send step (never expected).</summary>
    ReplyLargerThanRequest,

    /// <summary>The operating system refused to send the reply.</summary>
    SendFailed,

    /// <summary>
    /// The request waited in the socket's receive queue longer than the bound
    /// (<see cref="RequestAge"/>) before the loop read it: under overload a reply that late is worse than none.
    /// </summary>
    Stale,

    /// <summary>NTS is on and the request's NTS fields are malformed (RFC 8915 §5.7): dropped.</summary>
    NtsMalformed,

    /// <summary>NTS is on, the cookie opened, and the request's authenticator did not verify: dropped.</summary>
    NtsBadAuthenticator,

    /// <summary>NTS is on and the reply could not be completed (no nonce bytes left, or its seal record lost; never expected).</summary>
    NtsUnavailable,
}
