namespace Meridian.IntegrationTests;

/// <summary>
/// A network namespace of the test's own with only loopback up, so a server can take port 123
/// (which ntpdig always uses) without touching the host's network.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static int _counter;

    public NetworkNamespace()
    {
        Assert.True(Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root",
            "network namespaces need root: run ./test.sh as root");
        Name = $"meridian-it-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        Ip("netns", "add", Name);
        Ip("netns", "exec", Name, "ip", "link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary>The command line that runs <paramref name="program"/> inside this namespace.</summary>
    public string[] Wrap(string program, params string[] arguments) => ["netns", "exec", Name, program, .. arguments];

    public ExternalTool.Result Run(string program, TimeSpan timeout, params string[] arguments) =>
        ExternalTool.Run(ExternalTool.Require("ip"), Wrap(program, arguments), timeout);

    public void Dispose() => Ip("netns", "del", Name);

    private static void Ip(params string[] arguments)
    {
        var result = ExternalTool.Run(ExternalTool.Require("ip"), arguments, TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', arguments)}: {result.All}");
    }
}
