namespace Meridian.IntegrationTests;

/// <summary>
/// The kernel discipline is opt-in (<c>enable kernel</c>) and needs CAP_SYS_TIME. Its use with the
/// capability is not run here: it would change the clock of the machine running the tests.
/// </summary>
public class ClockModeTests
{
    [Fact]
    public void FallsBackToTheSoftwareCorrection_WhenKernelDisciplineIsNotPermitted()
    {
        string setpriv = ExternalTool.Require("setpriv");
        string config = MeridianServer.ConfigFile("local stratum 1\nenable kernel\n");

        using var server = MeridianServer.StartWith([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"], null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        Assert.Contains("'enable kernel': setting the clock needs CAP_SYS_TIME; using the software clock correction instead", server.Log);
        Assert.Contains("clock discipline: software", server.Log);
        Assert.Single(server.Listening);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void UsesTheSoftwareCorrection_ByDefault()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0");

        Assert.Contains("clock discipline: software", server.Log);
        Assert.Equal(0, server.Stop());
    }
}
