using System.Net;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>A <c>meridian serve</c> on a loopback port with <c>metrics 127.0.0.1:0</c>: its NTP address, control socket and HTTP endpoint.</summary>
internal sealed partial class MonitoredServer : IDisposable
{
    private MonitoredServer(MeridianServer server, string socket, Uri http)
    {
        Server = server;
        Socket = socket;
        Http = http;
    }

    public MeridianServer Server { get; }

    public IPEndPoint Ntp => Server.Listening[0];

    public string Socket { get; }

    /// <summary>The endpoint's root, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Http { get; }

    /// <summary>Serves the local clock at stratum 10 (no upstream needed); <paramref name="extra"/> adds configuration lines.</summary>
    public static MonitoredServer Start(string extra = "")
    {
        string socket = Path.Combine(Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.sock");
        string config = MeridianServer.ConfigFile($"local stratum 10\nmetrics 127.0.0.1:0\ncontrolsocket {socket}\n{extra}\n");
        var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", $"127.0.0.1:{FreePort.Udp()}", "--workers", "1");
        Assert.False(server.HasExited, server.Log);
        Match http = Dashboard().Match(server.Log);
        Assert.True(http.Success, $"no metrics line:\n{server.Log}");
        return new MonitoredServer(server, socket, new Uri(http.Groups[1].Value));
    }

    public void Dispose() => Server.Dispose();

    [GeneratedRegex(@"dashboard on (http://\S+/)")]
    private static partial Regex Dashboard();
}
