using System.Text.RegularExpressions;

namespace Meridian.Tests.Architecture;

/// <summary>
/// The namespaces inside Meridian.Core depend on each other in one direction only: Leap, Time and the
/// root at the bottom, then Access, RateLimiting, Client, Serving, Sync, Analysis. A dependency is a
/// <c>using</c> directive (the build rejects unused ones) or a fully qualified name.
/// </summary>
public class CoreNamespaceTests
{
    private static readonly Regex Namespace = new(@"^namespace (Meridian\.Core(?:\.\w+)*);", RegexOptions.Multiline | RegexOptions.Compiled);
    private static readonly Regex Reference = new(@"\b(Meridian\.Core(?:\.[A-Z]\w*)?)\b(?=[;.])", RegexOptions.Compiled);

    [Fact]
    public void NamespacesInsideCore_FormNoCycle()
    {
        Dictionary<string, HashSet<string>> graph = DependencyGraph();

        List<string>? cycle = FindCycle(graph);

        Assert.True(cycle is null, "a namespace cycle in Meridian.Core: " + string.Join(" → ", cycle ?? []));
        Assert.Contains("Meridian.Core.Time", graph.Keys);
    }

    [Fact]
    public void FindsACycle_WhenThereIsOne()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
        };

        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph));
    }

    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        string core = Path.Combine(RepositoryRoot.Find(), "src", "Meridian.Core");
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            string? own = Namespace.Match(text) is { Success: true } m ? m.Groups[1].Value : null;
            if (own is null)
            {
                continue;
            }

            HashSet<string> edges = graph.TryGetValue(own, out var found) ? found : graph[own] = [];
            foreach (Match reference in Reference.Matches(text))
            {
                string target = reference.Groups[1].Value;
                if (target != own && !own.StartsWith(target + ".", StringComparison.Ordinal))
                {
                    edges.Add(target);
                }
            }
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (string next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (string node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
