using Meridian.Configuration;
using Meridian.Core.Leap;

namespace Meridian.Hosting;

/// <summary>
/// Reads the leap file for the synchronizer (at start and at every reload): <c>leapfile PATH</c>, else
/// tzdata's <c>/usr/share/zoneinfo/leap-seconds.list</c> when it exists. Nothing here is fatal: a file that
/// cannot be read, is damaged or fails its hash is a FILE:LINE warning, and leap seconds then come from a
/// majority of the upstreams. Expiry is the synchronizer's to warn about (at start and daily).
/// </summary>
public static class LeapFileSource
{
    public const string TzdataPath = "/usr/share/zoneinfo/leap-seconds.list";

    /// <summary>The leap file in effect: the configured one, or tzdata's when it exists, or none.</summary>
    public static string? PathFor(MeridianOptions options) => options.LeapFile ?? (File.Exists(TzdataPath) ? TzdataPath : null);

    /// <summary>The parsed file (even a damaged one, so status shows why it is not used), or null when there is none or it cannot be read.</summary>
    public static LeapFile? Load(string? path, Action<string> warn)
    {
        if (path is null)
        {
            warn($"no leap file ('leapfile PATH', or {TzdataPath} from the tzdata package): leap seconds come from a majority of the upstreams only");
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn($"{path}: cannot read the leap file ({e.Message}): leap seconds come from a majority of the upstreams only");
            return null;
        }

        LeapFile file = LeapFileParser.Parse(text);
        foreach (LeapFileProblem problem in file.Problems)
        {
            warn(problem.Line > 0 ? $"{path}:{problem.Line}: {problem.Reason}" : $"{path}: {problem.Reason}");
        }

        if (HashProblem(file.Hash) is string reason)
        {
            warn($"{path}: {reason}");
        }

        if (!file.IsUsable)
        {
            warn($"{path}: the leap file is not used: leap seconds come from a majority of the upstreams only");
        }

        return file;
    }

    private static string? HashProblem(LeapHashCheck hash) => hash switch
    {
        LeapHashCheck.Missing => "no '#h' line: the file cannot be verified",
        LeapHashCheck.Mismatch => "the '#h' SHA-1 does not match the numbers: the file is damaged or was edited",
        _ => null, // Verified; Malformed is reported at its line
    };
}
