namespace Meridian.Tests.Commands;

public class ProgramExitCodeTests
{
    [Fact]
    public void ConfigCheck_ExitsZero_ForAValidFile()
    {
        using var file = new TempConfigFile("server ntp.example.org iburst\nrestrict default kod nomodify\n");

        Assert.Equal(0, Program.Main(["config", "check", file.Path]));
    }

    [Theory]
    [InlineData("sever ntp.example.org\n")]
    [InlineData("server ntp.example.org minpoll 9 maxpoll 8\n")]
    [InlineData("restrict 10.0.0.0 mask 255.0.255.0\n")]
    public void ConfigCheck_ExitsWithConfigError_ForAnInvalidFile(string text)
    {
        using var file = new TempConfigFile(text);

        Assert.Equal(Program.ExitConfigError, Program.Main(["config", "check", file.Path]));
        Assert.Equal(2, Program.ExitConfigError);
    }

    [Fact]
    public void ConfigCheck_ExitsWithConfigError_ForAMissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"meridian-missing-{Guid.NewGuid():N}.conf");

        Assert.Equal(2, Program.Main(["config", "check", path]));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("127.0.0.1:70000")]
    public void Serve_ExitsWithConfigError_ForABadListenAddress_WithoutStarting(string listen)
    {
        Assert.Equal(2, Program.Main(["serve", "--listen", listen]));
    }

    [Fact]
    public void Serve_ExitsWithConfigError_ForAnInvalidConfigFile_WithoutStarting()
    {
        using var file = new TempConfigFile("peer 192.0.2.1\n");

        Assert.Equal(2, Program.Main(["serve", "--config", file.Path, "--listen", "127.0.0.1:0"]));
    }
}
