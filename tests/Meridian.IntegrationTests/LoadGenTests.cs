using System.Globalization;

namespace Meridian.IntegrationTests;

/// <summary>The load generator: loopback only, and every request of a light step answered and counted.</summary>
public class LoadGenTests
{
    [Fact]
    public void CountsEveryAnswerOfALightStep_WithASmallServedTimeError()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");

        var result = LoadGen("--server", server.Listening.Single().ToString(), "--rates", "2000", "--seconds", "1", "--sources", "4");

        Assert.Equal(0, result.ExitCode);
        string[] step = result.Output.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2000", step[0]);
        Assert.Equal("2000", step[1]);
        Assert.Equal("2000", step[2]);
        Assert.Equal("0.00", step[4]);
        Assert.InRange(double.Parse(step[7], CultureInfo.InvariantCulture), 0, 1000);
        Assert.Equal(0, server.Stop());
        Assert.Contains("received 2000, served 2000", server.Log);
    }

    [Fact]
    public void RefusesAServerOutsideLoopback()
    {
        var result = LoadGen("--server", "192.0.2.1:123", "--rates", "1000", "--seconds", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("only sends to loopback", result.Error);
    }

    private static ExternalTool.Result LoadGen(params string[] arguments) => ExternalTool.Run(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        [Path.Combine(AppContext.BaseDirectory, "meridian-loadgen.dll"), .. arguments],
        TimeSpan.FromSeconds(60));
}
