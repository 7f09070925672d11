namespace Meridian.Core.Nts;

/// <summary>The body of an NTS-KE Error record (RFC 8915 §4.1.3).</summary>
public enum NtsKeErrorCode : ushort
{
    UnrecognizedCriticalRecord = 0,
    BadRequest = 1,
    InternalServerError = 2,
}
