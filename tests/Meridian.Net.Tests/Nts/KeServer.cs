using System.Net;
using Meridian.Core.Nts;
using Meridian.Net.Nts;

namespace Meridian.Net.Tests.Nts;

/// <summary>An NTS-KE server on a free loopback port with test certificates, and a client set up to trust it.</summary>
internal sealed class KeServer : IDisposable
{
    public KeServer(Func<NtsKeServerOptions, NtsKeServerOptions>? configure = null, TestCertificates? certificates = null)
    {
        Certificates = certificates ?? new TestCertificates();
        var options = new NtsKeServerOptions { Listen = [new IPEndPoint(IPAddress.Loopback, 0)] };
        Server = NtsKeServer.Start(configure is null ? options : configure(options), NtsCertificate.Load(Certificates.CertFile, Certificates.KeyFile), new KeyCarryingIssuer());
    }

    public TestCertificates Certificates { get; }

    public NtsKeServer Server { get; }

    public int Port => Server.LocalEndPoints[0].Port;

    public NtsKeClientOptions Client(string host = "localhost", IReadOnlyList<NtsAead>? aeads = null) => new()
    {
        Host = host,
        Address = IPAddress.Loopback,
        Port = Port,
        TrustedCertificates = Certificates.Trust(),
        Aeads = aeads ?? NtsKeAeads.Supported,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public Task<NtsKeResult> ExchangeAsync(string host = "localhost", IReadOnlyList<NtsAead>? aeads = null) => NtsKeClient.ExchangeAsync(Client(host, aeads));

    /// <summary>Waits (bounded) until the counters satisfy <paramref name="condition"/>: connections end on the server's own threads after the client has its answer.</summary>
    public NtsKeCountersSnapshot WaitFor(Func<NtsKeCountersSnapshot, bool> condition)
    {
        SpinWait.SpinUntil(() => condition(Server.Counters.Snapshot()), TimeSpan.FromSeconds(30));
        return Server.Counters.Snapshot();
    }

    public void Dispose()
    {
        Server.Dispose();
        Certificates.Dispose();
    }
}
