using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

/// <summary>The drift file: validated when read, written atomically.</summary>
public sealed class DriftFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("meridian-drift-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Read_ReturnsNullWithoutAProblem_WhenTheFileIsMissing()
    {
        double? ppm = DriftFile.Read(PathOf("drift"), out string? problem);

        Assert.Null(ppm);
        Assert.Null(problem);
    }

    [Fact]
    public void Read_ReturnsNullWithoutAProblem_WhenItsDirectoryDoesNotExistYet()
    {
        double? ppm = DriftFile.Read(Path.Combine(_directory.FullName, "var", "lib", "meridian", "drift"), out string? problem);

        Assert.Null(ppm);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("12.345\n", 12.345)]
    [InlineData("-3.5", -3.5)]
    [InlineData("  0.000  \n", 0.0)]
    [InlineData("500\n", 500.0)]
    [InlineData("-500.000\n", -500.0)]
    [InlineData("1e2\n", 100.0)]
    public void Read_ReturnsTheFrequency_FromAValidFile(string text, double expected)
    {
        string path = Write("drift", text);

        double? ppm = DriftFile.Read(path, out string? problem);

        Assert.Equal(expected, ppm);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("600")]
    [InlineData("-500.001")]
    [InlineData("12,345")]
    [InlineData("12.345 ppm")]
    [InlineData("")]
    [InlineData("\n")]
    public void Read_ReturnsNullWithAProblemNamingTheFile_WhenTheContentIsNotAFrequencyWithin500Ppm(string text)
    {
        string path = Write("drift", text);

        double? ppm = DriftFile.Read(path, out string? problem);

        Assert.Null(ppm);
        Assert.NotNull(problem);
        Assert.Contains(path, problem);
    }

    [Theory]
    [InlineData(12.345, "12.345\n")]
    [InlineData(12.3456, "12.346\n")]
    [InlineData(-0.5, "-0.500\n")]
    [InlineData(0.0, "0.000\n")]
    [InlineData(-499.9994, "-499.999\n")]
    public void Write_WritesTheFrequencyWithThreeDecimalsOnOneLine(double ppm, string expected)
    {
        string path = PathOf("drift");

        DriftFile.Write(path, ppm);

        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Write_ReplacesAnExistingFile_AndLeavesNoTemporaryFileBehind()
    {
        string path = Write("drift", "99.999\nleftover line\n");

        DriftFile.Write(path, 12.345);

        Assert.Equal("12.345\n", File.ReadAllText(path));
        Assert.Equal(["drift"], _directory.GetFileSystemInfos().Select(f => f.Name));
    }

    [Fact]
    public void Write_LeavesNoTemporaryFileBehind_WhenItFails()
    {
        string path = PathOf("drift");
        Directory.CreateDirectory(Path.Combine(path, "occupied")); // a non-empty directory: the rename fails

        Assert.ThrowsAny<IOException>(() => DriftFile.Write(path, 12.345));

        Assert.Equal(["drift"], _directory.GetFileSystemInfos().Select(f => f.Name));
    }

    [Fact]
    public void Write_CreatesTheDirectory()
    {
        string path = Path.Combine(_directory.FullName, "var", "lib", "meridian", "drift");

        DriftFile.Write(path, -7.25);

        Assert.Equal("-7.250\n", File.ReadAllText(path));
        Assert.Equal(["drift"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_ThenRead_RoundTripsToTheMillionthOfAPpm()
    {
        string path = PathOf("drift");

        DriftFile.Write(path, -42.4242);

        Assert.Equal(-42.424, DriftFile.Read(path, out _));
    }

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }
}
