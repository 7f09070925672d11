using Meridian.Control;

namespace Meridian.Tests.Control;

public sealed class ControlSocketLocationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-socket-location-").FullName;

    [Fact]
    public void TakesTheSocketOption_BeforeAnyConfiguration()
    {
        string config = Config("controlsocket /tmp/from-config.sock");

        Assert.Equal("/tmp/explicit.sock", ControlSocketLocation.Resolve("/tmp/explicit.sock", config, config, out _));
    }

    [Fact]
    public void ReadsTheControlSocketOfTheNamedConfiguration()
    {
        string installed = Config("controlsocket /tmp/installed.sock", "installed.conf");

        Assert.Equal("/tmp/named.sock", ControlSocketLocation.Resolve(null, Config("controlsocket /tmp/named.sock"), installed, out _));
    }

    [Fact]
    public void ReadsTheInstalledConfiguration_WhenNoneIsNamed()
    {
        Assert.Equal("/tmp/installed.sock", ControlSocketLocation.Resolve(null, null, Config("controlsocket /tmp/installed.sock", "installed.conf"), out _));
    }

    [Fact]
    public void FallsBackToTheDefault_WithoutAnInstalledConfiguration_OrWithoutControlsocket()
    {
        Assert.Equal(ControlDefaults.SocketPath, ControlSocketLocation.Resolve(null, null, Path.Combine(_dir, "absent.conf"), out _));
        Assert.Equal(ControlDefaults.SocketPath, ControlSocketLocation.Resolve(null, Config("server 192.0.2.1"), "/nonexistent", out _));
    }

    [Fact]
    public void SaysWhichLineIsWrong_WhenTheConfigurationIsBad()
    {
        string config = Config("server 192.0.2.1\nbogus directive");

        Assert.Null(ControlSocketLocation.Resolve(null, config, "/nonexistent", out string? problem));
        Assert.StartsWith($"{config}:2:", problem);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string text, string name = "meridian.conf")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text + "\n");
        return path;
    }
}
