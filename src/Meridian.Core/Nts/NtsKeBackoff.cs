namespace Meridian.Core.Nts;

/// <summary>
/// How long an NTS client waits before the next NTS-KE attempt after <c>failures</c> failed ones in a
/// row: 2 s doubling to 1024 s (about 17 min), so a broken or hostile KE server is not hammered.
/// </summary>
public static class NtsKeBackoff
{
    public const double FirstSeconds = 2;
    public const double MaxSeconds = 1024;

    public static double Seconds(int failures) =>
        failures <= 0 ? 0 : Math.Min(MaxSeconds, Math.ScaleB(FirstSeconds, Math.Min(failures - 1, 30)));
}
