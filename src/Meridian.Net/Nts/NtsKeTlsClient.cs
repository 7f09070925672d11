using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Meridian.Core.Nts;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Nts;

/// <summary>
/// One NTS-KE exchange's TLS client: TLS 1.3 only, ALPN <c>ntske/1</c>, SNI, the server's chain
/// checked against the trust anchors (or the system store) and its name against the host, and the
/// keys of every offered AEAD exported as the handshake completes.
/// </summary>
internal sealed class NtsKeTlsClient(BcTlsCrypto crypto, string host, X509Certificate2Collection? trusted) : DefaultTlsClient(crypto)
{
    private static readonly ProtocolName Alpn = ProtocolName.AsUtf8Encoding(NtsKeAeads.AlpnProtocol);

    public NtsKeSessionKeys Keys { get; } = new();

    /// <summary>Set when the client itself refused the server: the failure and why.</summary>
    public (NtsKeFailure Failure, string Detail)? Refusal { get; private set; }

    public string? ServerSubject { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

    protected override IList<ProtocolName> GetProtocolNames() => [Alpn];

    protected override IList<ServerName>? GetSniServerNames() =>
        IPAddress.TryParse(host, out _) ? null : [new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(host))];

    public override TlsAuthentication GetAuthentication() => new ServerCheck(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        ProtocolName? selected = m_context.SecurityParameters.ApplicationProtocol;
        if (selected is null || !selected.Equals(Alpn))
        {
            Refusal = (NtsKeFailure.Alpn, $"the server agreed to ALPN {(selected is null ? "nothing" : Encoding.UTF8.GetString(selected.GetBytes()))}, not {NtsKeAeads.AlpnProtocol}");
            throw new TlsFatalAlert(AlertDescription.no_application_protocol);
        }

        NtsKeyExport.ExportAll(m_context, Keys);
    }

    /// <summary>Checks the chain and the name; the handshake itself proves the server holds the key.</summary>
    private void Verify(TlsServerCertificate serverCertificate)
    {
        Certificate chain = serverCertificate.Certificate;
        if (chain.IsEmpty)
        {
            Refusal = (NtsKeFailure.Certificate, "the server sent no certificate");
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        var certificates = Enumerable.Range(0, chain.Length).Select(i => X509CertificateLoader.LoadCertificate(chain.GetCertificateAt(i).GetEncoded())).ToList();
        try
        {
            X509Certificate2 leaf = certificates[0];
            ServerSubject = leaf.Subject;
            using var check = new X509Chain();
            check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            check.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
            check.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
            if (trusted is not null)
            {
                check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                check.ChainPolicy.CustomTrustStore.AddRange(trusted);
            }

            if (!check.Build(leaf))
            {
                string status = string.Join("; ", check.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
                Refusal = (NtsKeFailure.Certificate, $"the certificate of {leaf.Subject} is not trusted: {status}");
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }

            if (!leaf.MatchesHostname(host))
            {
                Refusal = (NtsKeFailure.Certificate, $"the certificate of {leaf.Subject} is not for {host}");
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
            }
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    private sealed class ServerCheck(NtsKeTlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) => client.Verify(serverCertificate);

        public TlsCredentials? GetClientCredentials(Org.BouncyCastle.Tls.CertificateRequest certificateRequest) => null;
    }
}
