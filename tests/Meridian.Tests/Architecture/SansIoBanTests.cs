using System.Xml.Linq;

namespace Meridian.Tests.Architecture;

/// <summary>DESIGN §1.1: the build bans clocks, randomness, threads, tasks, sockets and files in Protocol and Core.</summary>
public class SansIoBanTests
{
    public static TheoryData<string> RequiredBans => new()
    {
        "P:System.DateTime.UtcNow",
        "P:System.DateTimeOffset.UtcNow",
        "T:System.Diagnostics.Stopwatch",
        "T:System.TimeProvider",
        "T:System.Random",
        "T:System.Security.Cryptography.RandomNumberGenerator",
        "T:System.Threading.Thread",
        "T:System.Threading.Tasks.Task",
        "T:System.Threading.Tasks.Task`1",
        "T:System.Net.Sockets.Socket",
        "T:System.IO.File",
        "T:System.IO.FileStream",
        "T:System.IO.Stream",
        "T:System.Threading.ManualResetEventSlim",
        "T:System.Threading.WaitHandle",
        "T:System.Runtime.InteropServices.DllImportAttribute",
        "T:System.Runtime.InteropServices.LibraryImportAttribute",
    };

    [Theory]
    [MemberData(nameof(RequiredBans))]
    public void BannedSymbolsListCoversTheIoCategory(string symbol)
    {
        var banned = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "build", "BannedSymbols.txt"))
            .Select(line => line.Split(';')[0].Trim());

        Assert.Contains(symbol, banned);
    }

    [Fact]
    public void BanAppliesToProtocolAndCore_WithWarningsAsErrors()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "Directory.Build.props"));
        string sansIoCondition = props.Descendants("MeridianSansIo").Single().Parent!.Attribute("Condition")!.Value;

        Assert.Contains("'Meridian.Protocol'", sansIoCondition);
        Assert.Contains("'Meridian.Core'", sansIoCondition);
        Assert.DoesNotContain("'Meridian.Net'", sansIoCondition);
        Assert.Equal("true", props.Descendants("TreatWarningsAsErrors").Single().Value);
        Assert.Contains(props.Descendants("PackageReference"), p => p.Attribute("Include")!.Value == "Microsoft.CodeAnalysis.BannedApiAnalyzers");
        Assert.Contains(props.Descendants("ProjectReference"), p => p.Attribute("Include")!.Value.EndsWith("Meridian.Analyzers.csproj", StringComparison.Ordinal) && p.Attribute("OutputItemType")?.Value == "Analyzer");
    }
}
