using System.Net;
using Meridian.Core.Client;

namespace Meridian.Commands.Query;

/// <summary>One address's answer in <c>meridian query --json</c>: the numbers are null when there was no valid answer.</summary>
public sealed record QueryResult(
    string Address,
    int Port,
    int? Stratum,
    string? Refid,
    double? OffsetSeconds,
    double? DelaySeconds,
    double? DistanceSeconds,
    string? Leap,
    string? Kiss,
    string? Error)
{
    public static QueryResult From(IPEndPoint server, SntpResult result, double timeoutSeconds)
    {
        bool valid = result.IsValid;
        bool answered = valid || result.Status is SntpStatus.Kiss or SntpStatus.Unsynchronized;
        return new QueryResult(
            server.Address.ToString(),
            server.Port,
            answered ? result.Stratum : null,
            answered ? result.ReferenceText : null,
            valid ? result.Offset : null,
            valid ? result.Delay : null,
            valid ? result.Distance : null,
            answered ? SntpText.Leap(result.Leap) : null,
            result.Kiss,
            valid ? null : SntpText.Failure(result, timeoutSeconds));
    }
}
