namespace Meridian.Protocol;

/// <summary>
/// Kiss codes (RFC 5905 §7.4, RFC 8915 §5.7): carried in the reference id of a packet with
/// stratum 0.
/// </summary>
public static class KissCode
{
    public static readonly ReferenceId Acst = ReferenceId.FromAscii("ACST");
    public static readonly ReferenceId Auth = ReferenceId.FromAscii("AUTH");
    public static readonly ReferenceId Auto = ReferenceId.FromAscii("AUTO");
    public static readonly ReferenceId Bcst = ReferenceId.FromAscii("BCST");
    public static readonly ReferenceId Cryp = ReferenceId.FromAscii("CRYP");
    public static readonly ReferenceId Deny = ReferenceId.FromAscii("DENY");
    public static readonly ReferenceId Drop = ReferenceId.FromAscii("DROP");
    public static readonly ReferenceId Rstr = ReferenceId.FromAscii("RSTR");
    public static readonly ReferenceId Init = ReferenceId.FromAscii("INIT");
    public static readonly ReferenceId Mcst = ReferenceId.FromAscii("MCST");
    public static readonly ReferenceId Nkey = ReferenceId.FromAscii("NKEY");
    public static readonly ReferenceId Ntsn = ReferenceId.FromAscii("NTSN");
    public static readonly ReferenceId Rate = ReferenceId.FromAscii("RATE");
    public static readonly ReferenceId Rmot = ReferenceId.FromAscii("RMOT");
    public static readonly ReferenceId Step = ReferenceId.FromAscii("STEP");

    /// <summary>A packet is a kiss-o'-death when its stratum field is 0 (RFC 5905 §7.4).</summary>
    public static bool IsKiss(in NtpHeader header) => header.Stratum == 0;

    /// <summary>The code tells the client to stop using this server (DENY or RSTR).</summary>
    public static bool MeansStop(ReferenceId code) => code == Deny || code == Rstr;
}
