namespace Meridian.Core.Analysis;

/// <summary>
/// The audit's conclusion: every probe's finding; exploitable when any probe's payload factor is
/// above 1; an information leak when any mode-6 or mode-7 probe was answered at all; and the
/// configuration lines that close both.
/// </summary>
public sealed record AmplificationReport(
    IReadOnlyList<ProbeFinding> Findings,
    int HeaderBytes,
    bool Exploitable,
    bool InformationLeak,
    double MaxFactor,
    IReadOnlyList<string> Fix)
{
    public string Verdict => Exploitable ? "exploitable" : "not exploitable";
}
