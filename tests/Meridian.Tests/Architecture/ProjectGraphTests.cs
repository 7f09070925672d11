using System.Reflection;
using System.Xml.Linq;

namespace Meridian.Tests.Architecture;

/// <summary>DESIGN §2: dependencies point one way, Protocol ← Core ← Net ← Meridian.</summary>
public class ProjectGraphTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Meridian.Protocol", [] },
        { "Meridian.Core", ["Meridian.Protocol"] },
        { "Meridian.Net", ["Meridian.Core"] },
        { "Meridian", ["Meridian.Net"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void EachProjectReferencesOnlyTheLayerBelow(string project, string[] expected)
    {
        string csproj = Path.Combine(RepositoryRoot.Find(), "src", project, project + ".csproj");
        var references = XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToArray();

        Assert.Equal(expected, references);
    }

    public static TheoryData<string, string[]> AllowedAssemblies => new()
    {
        { typeof(Meridian.Protocol.NtpTimestamp).Assembly.Location, [] },
        { typeof(Meridian.Core.NetEndpoint).Assembly.Location, ["Meridian.Protocol"] },
        { typeof(Meridian.Net.RealtimeClock).Assembly.Location, ["Meridian.Core", "Meridian.Protocol"] },
        { typeof(Program).Assembly.Location, ["Meridian.Core", "Meridian.Net", "Meridian.Protocol"] },
    };

    [Theory]
    [MemberData(nameof(AllowedAssemblies))]
    public void CompiledAssembliesReferenceNoHigherLayer(string assemblyPath, string[] allowed)
    {
        var meridianReferences = Assembly.LoadFrom(assemblyPath).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Meridian", StringComparison.OrdinalIgnoreCase) || n == "meridian")
            .Order()
            .ToArray();

        Assert.Equal(allowed, meridianReferences);
    }

    [Fact]
    public void OnlyTheNetProjectAllowsUnsafeCode()
    {
        var unsafeProjects = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => XDocument.Load(p).Descendants("AllowUnsafeBlocks").Any(e => e.Value == "true"))
            .Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(["Meridian.Net"], unsafeProjects);
    }
}
