using System.Text.RegularExpressions;

namespace Meridian.Tests.Architecture;

/// <summary>
/// docs/security.md is the security contract: every rule (P1–P13, NTS's K1–K9) and catalogue row (A–I) names the
/// tests that prove it, and every test it names exists under tests/.
/// </summary>
public class SecurityContractTests
{
    private static readonly Regex TestName = new(@"`([A-Z][A-Za-z0-9]*Tests\.[A-Za-z0-9_]+)`", RegexOptions.Compiled);

    public static TheoryData<string> Rows()
    {
        var rows = new TheoryData<string>();
        foreach (int rule in Enumerable.Range(1, 13))
        {
            rows.Add("P" + rule);
        }

        foreach (int rule in Enumerable.Range(1, 9))
        {
            rows.Add("K" + rule);
        }

        foreach (char group in "ABCDEFGHI")
        {
            rows.Add(group + ".");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryRuleAndCatalogueRow_NamesAtLeastOneTest(string row)
    {
        string? line = ContractLines().FirstOrDefault(l => l.StartsWith("| " + row + " ", StringComparison.Ordinal));

        Assert.True(line is not null, $"docs/security.md has no table row for {row}");
        Assert.NotEmpty(TestNames(line));
    }

    [Fact]
    public void EveryTestTheContractNames_ExistsUnderTests()
    {
        string sources = string.Join('\n', Directory
            .EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "tests"), "*Tests.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var missing = ContractLines()
            .SelectMany(TestNames)
            .Distinct()
            .Where(name => !Declares(sources, name))
            .ToList();

        Assert.True(missing.Count == 0, "docs/security.md names tests that do not exist: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> ContractLines() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "security.md")).Where(l => l.StartsWith("| ", StringComparison.Ordinal));

    private static List<string> TestNames(string line) =>
        TestName.Matches(line).Select(m => m.Groups[1].Value).ToList();

    private static bool Declares(string sources, string name)
    {
        string[] parts = name.Split('.');
        return Regex.IsMatch(sources, $@"\bclass {parts[0]}\b") && Regex.IsMatch(sources, $@"public (async Task|void) {parts[1]}\(");
    }

}
