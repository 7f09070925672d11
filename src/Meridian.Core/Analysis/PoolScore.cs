using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Core.Analysis;

/// <summary>
/// The NTP Pool monitor's score: each check adds a step to 0.95 times the previous score (starting
/// at 0), so the score tends to 20 for a server that always earns +1. A server is in the pool while
/// its score is above 10.
/// </summary>
public static class PoolScore
{
    public const double Decay = 0.95;
    public const double InPoolThreshold = 10;
    public const double Maximum = 20;

    public const double GoodOffset = 0.025;
    public const double FairOffset = 0.100;
    public const double PoorOffset = 0.750;
    public const double StepOffset = 3;
    public const double MaxStratum = 8;

    public const double StepGood = 1;
    public const double StepFair = 0.5;
    public const double StepPoor = -1;
    public const double StepBad = -2;
    public const double StepWrong = -4;
    public const double StepNoAnswer = -5;
    public const double StepRate = -3.5;
    public const double StepDenied = -10;
    public const double StepNoTime = -2;

    public static double Next(double score, double step) => step + Decay * score;

    public static bool InPool(double score) => score > InPoolThreshold;

    /// <summary>
    /// The step for an offset in seconds: +1 up to 25 ms, linear to +0.5 at 100 ms, linear to −1 at
    /// 750 ms, −2 up to 3 s, −4 beyond.
    /// </summary>
    public static double StepForOffset(double offset)
    {
        double magnitude = Math.Abs(offset);
        return magnitude switch
        {
            <= GoodOffset => StepGood,
            <= FairOffset => Between(magnitude, GoodOffset, StepGood, FairOffset, StepFair),
            <= PoorOffset => Between(magnitude, FairOffset, StepFair, PoorOffset, StepPoor),
            <= StepOffset => StepBad,
            _ => StepWrong, // also NaN: an offset that cannot be trusted
        };
    }

    /// <summary>
    /// The step for the best answer of a check (null: no answer), with <paramref name="offset"/> the
    /// offset to score (the server's, or the server's minus the reference's).
    /// </summary>
    public static double Step(SntpResult? best, double offset)
    {
        if (best is null)
        {
            return StepNoAnswer;
        }

        return best.Status switch
        {
            SntpStatus.Valid => best.Stratum >= MaxStratum ? StepWrong : StepForOffset(offset),
            SntpStatus.Kiss when best.ReferenceId == KissCode.Rate => StepRate,
            SntpStatus.Kiss when KissCode.MeansStop(best.ReferenceId) => StepDenied,
            SntpStatus.Kiss or SntpStatus.Unsynchronized => StepNoTime,
            _ => StepNoAnswer,
        };
    }

    private static double Between(double x, double x0, double y0, double x1, double y1) => y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}
