namespace Meridian.Core.Nts;

/// <summary>Why an NTS-KE response gives the client nothing to use, or <see cref="None"/>.</summary>
public enum NtsKeResponseProblem
{
    None,

    /// <summary>The server sent an Error record (<see cref="NtsKeResponse.ErrorCode"/>).</summary>
    ServerError,

    /// <summary>The server speaks none of the protocols offered (an empty Next Protocol record).</summary>
    NoCommonProtocol,

    /// <summary>The server supports none of the AEADs offered, or chose one that was not offered.</summary>
    NoCommonAead,

    /// <summary>NTPv4 and an AEAD agreed but no cookie came with them.</summary>
    NoCookies,

    /// <summary>A critical record the client does not know (or a Warning, which RFC 8915 makes fatal to clients that do not understand it).</summary>
    UnrecognizedCriticalRecord,

    /// <summary>Not whole records, no End of Message, a repeated or wrongly sized record.</summary>
    Malformed,
}
