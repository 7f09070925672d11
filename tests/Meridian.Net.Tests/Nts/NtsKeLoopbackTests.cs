using Meridian.Core.Nts;
using Meridian.Net.Nts;

namespace Meridian.Net.Tests.Nts;

/// <summary>Meridian's NTS-KE client against its own NTS-KE server on loopback, over real TLS 1.3.</summary>
public class NtsKeLoopbackTests
{
    [Fact]
    public async Task ClientGetsEightCookiesAndTheSameKeysAsTheServer_OverTls13WithAlpn()
    {
        using var ke = new KeServer();

        NtsKeResult result = await ke.ExchangeAsync();

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(NtsAead.AesSivCmac256, result.Aead);
        Assert.Equal(8, result.Cookies.Count);
        Assert.Equal(32, result.ClientToServerKey.Length);
        Assert.NotEqual(result.ClientToServerKey, result.ServerToClientKey);
        // The server sealed its own exported keys into each cookie: the client exported the same.
        Assert.All(result.Cookies, cookie =>
        {
            Assert.Equal(result.ClientToServerKey, cookie[2..34]);
            Assert.Equal(result.ServerToClientKey, cookie[34..66]);
        });
        Assert.Equal("localhost", result.NtpServer);
        Assert.Equal(123, result.NtpPort);
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Accepted == 1 && c.Active == 0);
        Assert.Equal(1, counters.Connections);
        Assert.Equal(1, counters.Handshakes);
        Assert.Equal(8, counters.CookiesIssued);
        Assert.Equal(0, counters.RefusedTotal);
    }

    [Fact]
    public async Task NegotiatesAesSivCmac512WithItsLongerKeys_WhenTheClientPrefersIt()
    {
        using var ke = new KeServer();

        NtsKeResult result = await ke.ExchangeAsync(aeads: [NtsAead.AesSivCmac512, NtsAead.AesSivCmac256]);

        Assert.Equal(NtsAead.AesSivCmac512, result.Aead);
        Assert.Equal(64, result.ServerToClientKey.Length);
        Assert.Equal(result.ServerToClientKey, result.Cookies[0][66..130]);
    }

    [Fact]
    public async Task SendsTheConfiguredNtpServerAndPort()
    {
        using var ke = new KeServer(o => o with { Responder = new NtsKeResponderOptions { NtpServer = "ntp.example.net", NtpPort = 4123 } });

        NtsKeResult result = await ke.ExchangeAsync();

        Assert.Equal("ntp.example.net", result.NtpServer);
        Assert.Equal(4123, result.NtpPort);
    }

    [Fact]
    public async Task WorksWithAnRsaCertificate_SignedWithRsaPss()
    {
        using var ke = new KeServer(certificates: new TestCertificates(rsa: true));

        NtsKeResult result = await ke.ExchangeAsync();

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
    }

    [Fact]
    public async Task ClientRefusesTheServer_WhenItsCertificateIsFromAnotherAuthority()
    {
        using var ke = new KeServer();
        using var other = new TestCertificates("other");

        NtsKeResult result = await NtsKeClient.ExchangeAsync(ke.Client() with { TrustedCertificates = other.Trust() });

        Assert.Equal(NtsKeFailure.Certificate, result.Failure);
        Assert.Empty(result.Cookies);
        Assert.Equal(1, ke.WaitFor(c => c.Refusals["tls"] == 1).Refusals["tls"]);
    }

    [Fact]
    public async Task ClientRefusesTheServer_WhenTheCertificateIsNotForTheHostName()
    {
        using var ke = new KeServer();

        NtsKeResult result = await ke.ExchangeAsync(host: "time.example.org");

        Assert.Equal(NtsKeFailure.Certificate, result.Failure);
        Assert.Contains("not for time.example.org", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientAcceptsTheAddressItConnectedTo_WhenTheCertificateNamesThatAddress()
    {
        using var ke = new KeServer();

        NtsKeResult result = await ke.ExchangeAsync(host: "127.0.0.1");

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal("127.0.0.1", result.NtpServer);
    }

    [Fact]
    public async Task NewConnectionsGetTheNewCertificate_AfterReplaceCertificate()
    {
        using var ke = new KeServer();
        using var renewed = new TestCertificates("renewed");

        ke.Server.ReplaceCertificate(NtsCertificate.Load(renewed.CertFile, renewed.KeyFile));
        NtsKeResult result = await NtsKeClient.ExchangeAsync(ke.Client() with { TrustedCertificates = renewed.Trust() });

        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(renewed.Subject, result.ServerCertificate);
    }

    [Fact]
    public void CertificateLoadFails_NamingTheFile_WhenTheKeyIsNotTheCertificates()
    {
        using var one = new TestCertificates("one");
        using var two = new TestCertificates("two");

        var e = Assert.Throws<NtsCertificateException>(() => NtsCertificate.Load(one.CertFile, two.KeyFile));

        Assert.Contains(two.KeyFile, e.Message, StringComparison.Ordinal);
        Assert.Contains(one.Directory, Assert.Throws<NtsCertificateException>(() => NtsCertificate.Load(Path.Combine(one.Directory, "missing.pem"), one.KeyFile)).Message, StringComparison.Ordinal);
    }
}
