namespace Meridian.Core.Nts;

/// <summary>Why an NTS-KE request was refused (each a counter), or <see cref="None"/>.</summary>
public enum NtsKeRequestProblem
{
    None,

    /// <summary>A critical record of a type this server does not know: answered with error 0.</summary>
    UnrecognizedCriticalRecord,

    /// <summary>No Next Protocol Negotiation record, or more than one.</summary>
    NextProtocolCount,

    /// <summary>NTPv4 offered but no AEAD Algorithm Negotiation record, or more than one.</summary>
    AeadCount,

    /// <summary>A record whose body has the wrong length for its type (odd lists, a non-empty End of Message).</summary>
    BadBodyLength,

    /// <summary>A record RFC 8915 requires to be critical without the critical bit.</summary>
    NotCritical,

    /// <summary>A record only servers send (Error, Warning, New Cookie) in a request.</summary>
    ServerRecordInRequest,

    /// <summary>Bytes that are not whole records, or no End of Message.</summary>
    Malformed,
}
