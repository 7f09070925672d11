namespace Meridian.Tests.Architecture;

/// <summary>
/// Nothing in the README, docs, scripts or code depends on a file outside the repository; the one
/// exception is the side-by-side benchmark's use of the shared perfkit.
/// </summary>
public class RepositoryBoundaryTests
{
    private static readonly string[] Extensions = [".md", ".cs", ".sh", ".csproj", ".props"];

    // Spelled in pieces so that this file does not name them itself.
    private static readonly string[] OutsidePaths = [string.Concat("..", "/shared"), string.Concat("/work", "/")];

    [Fact]
    public void NoFilePointsOutsideTheRepository_ExceptToPerfkit()
    {
        string root = RepositoryRoot.Find();
        var offenders = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && !IsBuildOutput(f))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => PointsOutside(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        Assert.True(offenders.Count == 0, "outside the repository: " + string.Join(", ", offenders));
    }

    private static bool PointsOutside(string line) =>
        OutsidePaths.Any(p => line.Contains(p, StringComparison.Ordinal)) && !line.Contains("perfkit", StringComparison.Ordinal);

    private static bool IsBuildOutput(string path) =>
        path.Contains("/obj/", StringComparison.Ordinal) || path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/.git/", StringComparison.Ordinal);
}
