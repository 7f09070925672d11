using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary><c>ntsdumpdir</c> and <c>ntsrotate</c> (chrony's names).</summary>
public class NtsDirectiveTests
{
    [Fact]
    public void ReadsTheDumpDirectoryAndTheRotation_AndWritesThemBack()
    {
        var options = ConfigText.Parse("ntsdumpdir /var/lib/meridian", "ntsrotate 3600");

        Assert.Equal("/var/lib/meridian", options.NtsDumpDirectory);
        Assert.Equal(3600, options.NtsRotateSeconds);
        string written = ConfigWriter.Write(options);
        Assert.Contains("ntsdumpdir /var/lib/meridian\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("ntsrotate 3600\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void LeavesTheDefaults_WithoutTheDirectives()
    {
        var options = ConfigText.Parse("driftfile /a");

        Assert.Null(options.NtsDumpDirectory);
        Assert.Null(options.NtsRotateSeconds);
        Assert.False(options.NtsServing);
    }

    [Fact]
    public void AcceptsZero_AsNeverRotate() => Assert.Equal(0, ConfigText.Parse("ntsrotate 0").NtsRotateSeconds);

    [Theory]
    [InlineData("ntsrotate 30", "more often than once a minute")]
    [InlineData("ntsrotate -1", "'seconds'")]
    [InlineData("ntsrotate 1.5", "'seconds'")]
    [InlineData("ntsrotate 60 60", "")]
    public void RefusesARotationOutOfRange_AtItsLine(string line, string reason) => ConfigText.ErrorAt(2, reason, "", line);
}
