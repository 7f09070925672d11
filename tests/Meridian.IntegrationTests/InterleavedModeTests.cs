namespace Meridian.IntegrationTests;

/// <summary>chronyd in interleaved mode (<c>xleave</c>) against <c>meridian serve</c> on loopback.</summary>
public class InterleavedModeTests
{
    [Fact]
    public void ChronydXleaveClient_GetsInterleavedSamples()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");
        using var client = ChronydXleaveClient.Start(server.Listening.Single().Port);

        string data = client.WaitForInterleaved(TimeSpan.FromSeconds(30));

        Assert.Contains("Interleaved     : Yes", data, StringComparison.Ordinal);
        Assert.Contains("Stratum         : 1", data, StringComparison.Ordinal);
        Assert.Equal(0, server.Stop());
    }
}
