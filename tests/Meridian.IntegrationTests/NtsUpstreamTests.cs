using System.Diagnostics;
using System.Globalization;
using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Net.Tests.Nts;

namespace Meridian.IntegrationTests;

/// <summary>
/// <c>server 127.0.0.1 port P nts ntsport K</c> with <c>ntstrustedcerts</c>: Meridian as an NTS client of
/// a second <c>meridian serve</c> and of chronyd 4.3's NTS server on loopback. The source is selected
/// only with authenticated replies; with an untrusted certificate it never becomes selectable.
/// </summary>
public class NtsUpstreamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public void SelectsAnNtsUpstream_OfAnotherMeridian_WithAuthenticatedReplies_AndPeersSaysSo()
    {
        using var certificates = new TestCertificates();
        string upstreamConfig = NtsMeridian.Config(certificates, out int ntsPort);
        string upstreamSocket = MeridianServer.ControlSocketOf(upstreamConfig);
        using var upstream = NtsMeridian.Start(upstreamConfig);
        int ntpPort = upstream.Listening.Single().Port;

        using var client = StartClient(ntpPort, ntsPort, certificates.CaFile, out string socket);
        SourceSnapshot source = WaitFor(socket, s => s.Tally == Tally.SystemPeer && s.Authenticated, client);

        Assert.True(source.Nts);
        Assert.Null(source.Failure);
        Assert.True(ControlClient.Query(upstreamSocket, "status").Counters.NtsAuthenticated >= 1, upstream.Log);
        Assert.Contains($"NTS-KE with {certificates.Subject}", client.Log, StringComparison.Ordinal);
        string peers = Peers(socket);
        Assert.Contains(peers.Split('\n'), line => line.StartsWith($"*127.0.0.1:{ntpPort}", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{ntpPort}: NTS, authenticated", peers, StringComparison.Ordinal);
    }

    [Fact]
    public void RecoversFromAnNtsNak_WithAFreshNtsKe_AfterTheUpstreamRestartsWithNewKeys()
    {
        // No ntsdumpdir: the restarted upstream has a new master key, so the cookies the client holds get an NTS NAK.
        using var certificates = new TestCertificates();
        string upstreamConfig = NtsMeridian.Config(certificates, out int ntsPort);
        string upstreamSocket = MeridianServer.ControlSocketOf(upstreamConfig);
        var first = NtsMeridian.Start(upstreamConfig);
        int ntpPort = first.Listening.Single().Port;
        using var client = StartClient(ntpPort, ntsPort, certificates.CaFile, out string socket);
        WaitFor(socket, s => s.Authenticated, client);
        Assert.Equal(0, first.Stop());
        first.Dispose();

        using var second = NtsMeridian.Start(upstreamConfig, $"127.0.0.1:{ntpPort}");
        var deadline = Stopwatch.StartNew();
        ServingCountersSnapshot? counters = null;
        while (deadline.Elapsed < Deadline && !(counters is { NtsNaks: >= 1, NtsAuthenticated: >= 1 }))
        {
            Thread.Sleep(250);
            counters = ControlClient.Query(upstreamSocket, "status").Counters;
        }

        Assert.True(counters is { NtsNaks: >= 1, NtsAuthenticated: >= 1 }, $"{counters}\n{client.Log}");
        Assert.Equal(2, client.Log.Split('\n').Count(l => l.Contains("NTS-KE with CN=", StringComparison.Ordinal)));
        Assert.True(WaitFor(socket, s => s.Authenticated && s.Failure is null, client).Nts);
        // One NAK was enough: the client did not spend its other cookies, all refused, before a fresh NTS-KE.
        Assert.Equal(1, ControlClient.Query(upstreamSocket, "status").Counters.NtsNaks);
    }

    [Fact]
    public void SelectsAnNtsUpstream_OfChronydsNtsServer()
    {
        using var certificates = new TestCertificates();
        int ntsPort = FreePort.Tcp();
        using var chronyd = ChronydServer.Start($"ntsservercert {certificates.CertFile}\nntsserverkey {certificates.KeyFile}\nntsport {ntsPort}\nntsdumpdir {{dir}}\n");

        // chronyd's KE names its NTP port (Port Negotiation); the server line's port is where KE goes too.
        using var client = StartClient(chronyd.Port, ntsPort, certificates.CaFile, out string socket);
        SourceSnapshot source = WaitFor(socket, s => s.Tally == Tally.SystemPeer && s.Authenticated, client);

        Assert.True(source.Nts);
        Assert.Contains($"NTP at 127.0.0.1:{chronyd.Port}", client.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverSelectsAnNtsUpstream_WhoseCertificateIsNotTrusted_AndPeersSaysWhy()
    {
        using var certificates = new TestCertificates();
        using var other = new TestCertificates("someone-else");
        string upstreamConfig = NtsMeridian.Config(certificates, out int ntsPort);
        string upstreamSocket = MeridianServer.ControlSocketOf(upstreamConfig);
        using var upstream = NtsMeridian.Start(upstreamConfig);
        int ntpPort = upstream.Listening.Single().Port;

        using var client = StartClient(ntpPort, ntsPort, other.CaFile, out string socket);
        // Two failed NTS-KE attempts (the second after the 2 s backoff), each poll a miss meanwhile.
        Assert.True(client.WaitForLog("NTS-KE failed (certificate: ", TimeSpan.FromSeconds(20)), client.Log);
        SourceSnapshot source = WaitFor(socket, s => s.Failure is not null && s.Failure.Contains("next attempt in 4 s", StringComparison.Ordinal), client);

        Assert.Equal(0, source.Reach);
        Assert.False(source.Authenticated);
        Assert.NotEqual(Tally.SystemPeer, source.Tally);
        Assert.NotEqual(Tally.Candidate, source.Tally);
        Assert.NotEqual("synchronized", ControlClient.Query(socket, "status").Sync.State);
        Assert.Equal(0, ControlClient.Query(upstreamSocket, "status").Counters.NtsAuthenticated);
        Assert.Contains($"127.0.0.1:{ntpPort}: unreachable: NTS-KE failed (certificate: ", Peers(socket), StringComparison.Ordinal);
    }

    private static MeridianServer StartClient(int ntpPort, int ntsPort, string trustedCa, out string socket)
    {
        string config = MeridianServer.ConfigFile(
            string.Create(CultureInfo.InvariantCulture, $"server 127.0.0.1 port {ntpPort} iburst minpoll 3 maxpoll 3 nts ntsport {ntsPort}\nntstrustedcerts {trustedCa}\n"));
        socket = MeridianServer.ControlSocketOf(config);
        return MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
    }


    private static string Peers(string socket)
    {
        var peers = ExternalTool.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "meridian.dll"), "peers", "--socket", socket], TimeSpan.FromSeconds(30));
        Assert.True(peers.ExitCode == 0, peers.All);
        return peers.Output;
    }

    /// <summary>Polls the client's control socket until its single source meets the condition; at most 40 s.</summary>
    private static SourceSnapshot WaitFor(string socket, Func<SourceSnapshot, bool> condition, MeridianServer server)
    {
        var deadline = Stopwatch.StartNew();
        SourceSnapshot? last = null;
        while (deadline.Elapsed < Deadline)
        {
            try
            {
                last = ControlClient.Query(socket, "status").Sync.Sources.SingleOrDefault();
                if (last is not null && condition(last))
                {
                    return last;
                }
            }
            catch (ControlSocketException)
            {
                // Not listening yet.
            }

            Thread.Sleep(250);
        }

        Assert.Fail($"the source never met the condition: {last}\n{server.Log}");
        return last!;
    }
}
