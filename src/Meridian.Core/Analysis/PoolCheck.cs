using Meridian.Core.Client;

namespace Meridian.Core.Analysis;

/// <summary>
/// One monitor check: the best answer of the server (and of the reference, when there is one), the
/// offset scored (null without a valid answer), the step (null when the check was skipped because the
/// reference gave no time) and the score after it.
/// </summary>
public sealed record PoolCheck(SntpResult? Server, SntpResult? Reference, double? Offset, double? Step, double Score)
{
    public bool InPool => PoolScore.InPool(Score);

    /// <summary>in pool / not in pool, or why the server gave no time: the kiss code, timeout, refused, unsynchronized, invalid reply, no reference.</summary>
    public string Status => Step is null ? "no reference"
        : Server?.Status switch
        {
            SntpStatus.Valid => InPool ? "in pool" : "not in pool",
            SntpStatus.Kiss => Server.Kiss!,
            SntpStatus.NoReply or null => "timeout",
            SntpStatus.Refused => "refused",
            SntpStatus.Unsynchronized => "unsynchronized",
            _ => "invalid reply",
        };
}
