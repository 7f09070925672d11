using Meridian.Configuration;
using Meridian.Tests.Architecture;

namespace Meridian.Tests.Configuration;

/// <summary>docs/configuration.md (and so meridian.conf(5)) lists every directive the parser accepts.</summary>
public class DirectiveReferenceTests
{
    [Fact]
    public void EveryKnownDirective_HasARowInTheReferenceTable()
    {
        string reference = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "configuration.md"));
        var documented = reference.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => l.Split('|')[1].Split(',').Select(d => d.Trim().Trim('`')))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal("", string.Join(", ", ConfigParser.KnownDirectives.Where(d => !documented.Contains(d))));
    }
}
