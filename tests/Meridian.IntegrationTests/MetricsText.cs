using System.Globalization;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>The samples of one Prometheus text exposition: name, labels and value per line.</summary>
internal sealed partial class MetricsText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public MetricsText(string text)
    {
        Text = text;
        foreach (string line in text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
        {
            Match m = Sample().Match(line);
            Assert.True(m.Success, $"not a sample line: {line}");
            var labels = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            _samples.Add((m.Groups["name"].Value, labels, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (NAME=VALUE pairs).</summary>
    public double Value(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToList();
        var found = _samples.Where(s => s.Name == name && wanted.All(w => s.Labels.GetValueOrDefault(w[0]) == w[1])).ToList();
        Assert.True(found.Count == 1, $"{found.Count} samples of {name} {string.Join(",", labels)} in:\n{Text}");
        return found[0].Value;
    }

    public static MetricsText Scrape(Uri endpoint)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return new MetricsText(http.GetStringAsync(new Uri(endpoint, "metrics")).GetAwaiter().GetResult());
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
