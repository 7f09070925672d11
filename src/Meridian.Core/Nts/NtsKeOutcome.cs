namespace Meridian.Core.Nts;

/// <summary>What the NTS-KE server answered to a request.</summary>
public enum NtsKeOutcome
{
    /// <summary>NTPv4 and an AEAD negotiated, cookies issued.</summary>
    Accepted,

    /// <summary>The client offered no protocol this server speaks: an empty Next Protocol record, no cookies.</summary>
    NoCommonProtocol,

    /// <summary>The client offered no AEAD this server supports: an empty AEAD record, no cookies.</summary>
    NoCommonAead,

    /// <summary>The request was refused with an Error record (<see cref="NtsKeRequestProblem"/> says why).</summary>
    Error,
}
