using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>One row of <c>meridian peers</c>: the familiar <c>ntpq -p</c> columns.</summary>
public sealed record SourceSnapshot(
    string Remote,
    Tally Tally,
    string ReferenceId,
    int Stratum,
    char Type,
    double? WhenSeconds,
    int PollSeconds,
    byte Reach,
    double DelayMs,
    double OffsetMs,
    double JitterMs)
{
    /// <summary>Why the latest request failed at once (e.g. "port unreachable (nothing listens there)"); null when it did not.</summary>
    public string? Failure { get; init; }

    /// <summary>An NTS source (<c>server NAME nts</c>): every sample it gave was authenticated (RFC 8915); unauthenticated replies never reach it.</summary>
    public bool Nts { get; init; }

    /// <summary>An NTS source that has answered with authenticated replies lately (its reach register is not empty).</summary>
    public bool Authenticated => Nts && Reach != 0;

    public char TallyCode => Tally switch
    {
        Tally.SystemPeer => '*',
        Tally.Candidate => '+',
        Tally.Outlier => '-',
        Tally.Falseticker => 'x',
        _ => ' ',
    };

    public static string FormatReferenceId(ReferenceId id, int stratum) =>
        stratum <= 1 ? (id.TryGetAscii(out string text) ? text : id.ToIPv4String()) : id.ToIPv4String();
}
