using Meridian.Net.Tests.Nts;

namespace Meridian.IntegrationTests;

/// <summary><c>meridian serve</c> with NTS: NTP on a free UDP port of 127.0.0.1, NTS-KE on a free TCP port.</summary>
internal static class NtsMeridian
{
    /// <summary>A configuration serving NTS with <paramref name="certificates"/> on a free NTS-KE port.</summary>
    public static string Config(TestCertificates certificates, out int ntsPort)
    {
        ntsPort = FreePort.Tcp();
        return MeridianServer.ConfigFile($"local stratum 1\nntsservercert {certificates.CertFile}\nntsserverkey {certificates.KeyFile}\nntsport {ntsPort}\n");
    }

    /// <summary>Starts the server on <paramref name="config"/> and waits until its NTS-KE server listens.</summary>
    public static MeridianServer Start(string config, string listen = "127.0.0.1:0")
    {
        var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", listen);
        Assert.True(server.WaitForLog("NTS-KE on TCP", TimeSpan.FromSeconds(15)), server.Log);
        return server;
    }
}
