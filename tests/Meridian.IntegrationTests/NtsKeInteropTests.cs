using System.Net;
using Meridian.Control;
using Meridian.Core.Nts;
using Meridian.Net.Nts;
using Meridian.Net.Tests.Nts;

namespace Meridian.IntegrationTests;

/// <summary>
/// <c>meridian serve</c> with <c>ntsservercert</c>/<c>ntsserverkey</c>: a real third-party NTS client
/// (chronyd 4.3) completes NTS-KE with it and gets authenticated replies on the NTP port; a certificate is re-read on reload; a bad pair stops the start.
/// chronyd runs with <c>-Q</c> (print only, never touches the clock) and its own pid file.
/// </summary>
public class NtsKeInteropTests
{
    [Fact]
    public void ChronydGetsAuthenticatedTime_FromMeridiansNtsKeAndNtpServers()
    {
        using var certificates = new TestCertificates();
        using var server = Serve(certificates, out string socket, out int ntsPort);

        ExternalTool.Result chronyd = Chronyd(server.Listening.Single().Port, ntsPort, certificates.CaFile);

        // chronyd -Q exits 0 only when a sample was accepted, and with 'nts' only an authenticated one counts.
        Assert.True(chronyd.ExitCode == 0, chronyd.All + server.Log);
        NtsKeStatus nts = WaitForNtsKe(socket, s => s.Accepted >= 1 && s.Active == 0);
        Assert.True(nts.Handshakes >= 1, chronyd.All + server.Log);
        Assert.Equal(8 * nts.Accepted, nts.CookiesIssued);
        Assert.Equal(0, nts.RefusedTotal);
        Assert.True(ControlClient.Query(socket, "status").Counters.NtsAuthenticated >= 1, chronyd.All + server.Log);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void Status_ListsTheMasterKeysOfTheKeyFile_NewestFirst()
    {
        using var certificates = new TestCertificates();
        string dumpDirectory = Directory.CreateTempSubdirectory("meridian-it-ntsdump-").FullName;
        try
        {
            string config = NtsMeridian.Config(certificates, out _);
            File.AppendAllText(config, $"ntsdumpdir {dumpDirectory}\n");
            using var server = NtsMeridian.Start(config);

            NtsKeStatus nts = ControlClient.Query(MeridianServer.ControlSocketOf(config), "status").NtsKe!;

            string keyFile = Path.Combine(dumpDirectory, NtsKeyStore.FileName);
            Assert.True(NtsKeyFile.TryParse(File.ReadAllText(keyFile), out var ring, out string error), error);
            Assert.Equal(ring!.Keys.Select(k => k.Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)), nts.MasterKeys.Select(k => k.Split(' ')[0]));
            Assert.Equal(keyFile, nts.KeyFile);
            Assert.Equal(0, server.Stop());
        }
        finally
        {
            Directory.Delete(dumpDirectory, recursive: true);
        }
    }

    [Fact]
    public void ChronydGetsNoCookies_WhenItDoesNotTrustTheCertificate()
    {
        using var certificates = new TestCertificates();
        using var other = new TestCertificates("other");
        using var server = Serve(certificates, out string socket, out int ntsPort);

        Chronyd(server.Listening.Single().Port, ntsPort, other.CaFile);

        NtsKeStatus nts = WaitForNtsKe(socket, s => s.RefusedTotal >= 1 && s.Active == 0);
        Assert.Equal(0, nts.CookiesIssued);
        Assert.True(nts.Refusals["tls"] + nts.Refusals["closed_early"] >= 1, server.Log);
    }

    [Fact]
    public async Task ServesARenewedCertificate_AfterSighup_AndKeepsTheRunningOne_WhenTheNewFilesDoNotLoad()
    {
        using var first = new TestCertificates("first");
        using var renewed = new TestCertificates("renewed");
        using var server = Serve(first, out string socket, out int ntsPort);
        var client = new NtsKeClientOptions { Host = "localhost", Address = IPAddress.Loopback, Port = ntsPort, TrustedCertificates = first.Trust(), Timeout = TimeSpan.FromSeconds(20) };
        Assert.Equal(first.Subject, (await NtsKeClient.ExchangeAsync(client)).ServerCertificate);

        // A renewal: new files under the same names.
        File.Copy(renewed.CertFile, first.CertFile, overwrite: true);
        File.Copy(renewed.KeyFile, first.KeyFile, overwrite: true);
        server.Signal("HUP");
        Assert.True(server.WaitForLog("reloaded", TimeSpan.FromSeconds(15)), server.Log);
        NtsKeResult afterRenewal = await NtsKeClient.ExchangeAsync(client with { TrustedCertificates = renewed.Trust() });
        Assert.True(afterRenewal.Succeeded, afterRenewal.Detail);
        Assert.Equal(renewed.Subject, afterRenewal.ServerCertificate);

        // A broken renewal: the reload fails, the renewed certificate is still served.
        File.WriteAllText(first.CertFile, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        server.Signal("HUP");
        Assert.True(server.WaitForLog("the running configuration is unchanged", TimeSpan.FromSeconds(15)), server.Log);
        Assert.Contains(first.CertFile, server.Log, StringComparison.Ordinal);
        NtsKeResult afterBadFile = await NtsKeClient.ExchangeAsync(client with { TrustedCertificates = renewed.Trust() });
        Assert.True(afterBadFile.Succeeded, afterBadFile.Detail);
        Assert.Equal(renewed.Subject, afterBadFile.ServerCertificate);
        Assert.Equal("CN=renewed", renewed.Subject);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void StopsAtStart_NamingTheKeyFile_WhenTheKeyIsNotTheCertificates()
    {
        using var one = new TestCertificates("one");
        using var two = new TestCertificates("two");
        string config = MeridianServer.ConfigFile($"local stratum 1\nntsservercert {one.CertFile}\nntsserverkey {two.KeyFile}\nntsport {FreePort.Tcp()}\n");

        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        Assert.Equal(1, server.WaitForExit());
        Assert.Contains($"NTS-KE: ntsserverkey {two.KeyFile}", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryNts_GetsAuthenticatedTime_FromChronydsNtsServer_AtItsNegotiatedNtpPort()
    {
        using var certificates = new TestCertificates();
        int ntsPort = FreePort.Tcp();
        using var chronyd = ChronydServer.Start($"ntsservercert {certificates.CertFile}\nntsserverkey {certificates.KeyFile}\nntsport {ntsPort}\nntsdumpdir {{dir}}\n");
        WaitUntilListening(ntsPort);

        var query = MeridianCli.Run("query", "--nts", "localhost", "--nts-port", ntsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust", certificates.CaFile);

        Assert.True(query.ExitCode == 0, query.All);
        Assert.Contains($"localhost port {ntsPort}: NTS-KE ok, TLS 1.3 ntske/1, certificate {certificates.Subject}; AEAD AEAD_AES_SIV_CMAC_256 (15), 8 cookies", query.Output, StringComparison.Ordinal);
        // chronyd serves NTP on a port other than 123, so it sends the Port Negotiation record.
        Assert.Contains($"NTP at localhost port {chronyd.Port}", query.Output, StringComparison.Ordinal);
        // Then the NTS-protected exchange with chronyd's NTP port: one cookie spent, one placeholder, so two new cookies.
        Assert.True(query.Output.Contains(" authenticated, 2 new cookies", StringComparison.Ordinal), query.All);
        Assert.Matches($@"\n\d{{4}} \w{{3}} \d\d \d\d:\d\d:\d\d\.\d{{6}} [+-]\d\.\d{{6}} \+/- \d+\.\d{{6}} secs 127\.0\.0\.1:{chronyd.Port} stratum 1 refid \S+ delay \d\.\d{{6}} no-leap authenticated, 2 new cookies", query.Output);
    }

    [Fact]
    public void QueryNts_GetsAuthenticatedTime_FromMeridian_AndFailsWithoutTrust()
    {
        using var certificates = new TestCertificates();
        using var server = Serve(certificates, out string socket, out int ntsPort);
        string port = ntsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var trusted = MeridianCli.Run("query", "--nts", "127.0.0.1", "--nts-port", port, "--trust", certificates.Directory);
        var untrusted = MeridianCli.Run("query", "--nts", "127.0.0.1", "--nts-port", port);

        Assert.True(trusted.ExitCode == 0, trusted.All);
        Assert.Contains($"NTP at 127.0.0.1 port {server.Listening.Single().Port}", trusted.Output, StringComparison.Ordinal);
        Assert.Contains($" secs 127.0.0.1:{server.Listening.Single().Port} stratum 1 refid LOCL delay ", trusted.Output, StringComparison.Ordinal);
        Assert.Contains(" no-leap authenticated, 2 new cookies", trusted.Output, StringComparison.Ordinal);
        Assert.True(ControlClient.Query(socket, "status").Counters.NtsAuthenticated >= 1, server.Log);
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains("NTS-KE failed (certificate)", untrusted.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QueryNts_DoesNotReportAuthenticated_WhenAnOnPathRelayAltersTheReply(bool tamper)
    {
        // Meridian serves NTP on 127.0.0.1 and tells NTS clients to use 127.0.0.3, where the relay is (same port).
        using var certificates = new TestCertificates();
        int ntsPort = FreePort.Tcp();
        string config = MeridianServer.ConfigFile($"local stratum 1\nntsservercert {certificates.CertFile}\nntsserverkey {certificates.KeyFile}\nntsport {ntsPort}\nntsntpserver 127.0.0.3\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        Assert.True(server.WaitForLog("NTS-KE on TCP", TimeSpan.FromSeconds(15)), server.Log);
        int ntpPort = server.Listening.Single().Port;
        using var relay = new TamperingRelay(new IPEndPoint(IPAddress.Parse("127.0.0.3"), ntpPort), server.Listening.Single(), tamper);

        var query = MeridianCli.Run("query", "--nts", "127.0.0.1", "--nts-port", ntsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trust", certificates.CaFile, "--timeout", "2");

        Assert.True(query.Output.Contains($"NTP at 127.0.0.3 port {ntpPort}", StringComparison.Ordinal), query.All + server.Log);
        Assert.True(relay.Relayed >= 1, query.All);
        if (tamper)
        {
            Assert.True(query.ExitCode == 1, query.All);
            Assert.DoesNotContain("authenticated,", query.Output, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.3:{ntpPort}: not authenticated: no reply echoed the unique id with an authenticator that verifies under the S2C key", query.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(query.ExitCode == 0, query.All);
            Assert.Contains($" secs 127.0.0.3:{ntpPort} stratum 1 ", query.Output, StringComparison.Ordinal);
            Assert.Contains(" authenticated, 2 new cookies", query.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Waits (at most 15 s) until a TCP port on 127.0.0.1 accepts connections: chronyd opens it after it starts.</summary>
    private static void WaitUntilListening(int port)
    {
        bool open = SpinWait.SpinUntil(() =>
        {
            using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                probe.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(100);
                return false;
            }
        }, TimeSpan.FromSeconds(15));
        Assert.True(open, $"nothing listens on TCP {port}");
    }

    private static MeridianServer Serve(TestCertificates certificates, out string socket, out int ntsPort)
    {
        string config = NtsMeridian.Config(certificates, out ntsPort);
        socket = MeridianServer.ControlSocketOf(config);
        return NtsMeridian.Start(config);
    }

    /// <summary>chronyd -Q: NTS-KE with Meridian, then authenticated NTP; 8 s at most.</summary>
    private static ExternalTool.Result Chronyd(int ntpPort, int ntsPort, string trustedCa)
    {
        string directory = Directory.CreateTempSubdirectory("meridian-it-chronyd-nts-").FullName;
        try
        {
            return ExternalTool.Run(
                ExternalTool.Require("chronyd"),
                ["-Q", "-t", "8", "-u", "root", $"server localhost iburst nts port {ntpPort} ntsport {ntsPort}", $"ntstrustedcerts {trustedCa}", "cmdport 0", $"pidfile {directory}/chronyd.pid", $"ntsdumpdir {directory}"],
                TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Polls the control socket (the server is another process) until the condition holds; at most 30 s.</summary>
    private static NtsKeStatus WaitForNtsKe(string socket, Func<NtsKeStatus, bool> condition)
    {
        NtsKeStatus? status = null;
        SpinWait.SpinUntil(() => (status = ControlClient.Query(socket, "status").NtsKe) is not null && condition(status), TimeSpan.FromSeconds(30));
        Assert.NotNull(status);
        return status;
    }
}
