using Meridian.Core.Nts;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Nts;

/// <summary>
/// One NTS-KE connection's TLS server: TLS 1.3 only, ALPN <c>ntske/1</c> required, the current
/// certificate, and the NTS keys of every supported AEAD exported as the handshake completes
/// (BouncyCastle allows the exporter only there, before the AEAD is negotiated).
/// </summary>
internal sealed class NtsKeTlsServer(BcTlsCrypto crypto, NtsCertificate certificate) : DefaultTlsServer(crypto)
{
    private static readonly ProtocolName Alpn = ProtocolName.AsUtf8Encoding(NtsKeAeads.AlpnProtocol);

    public NtsKeSessionKeys Keys { get; } = new();

    /// <summary>Set when the client offered ALPN protocols but not <c>ntske/1</c>, or none.</summary>
    public bool AlpnRefused { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.Only();

    protected override IList<ProtocolName> GetProtocolNames() => [Alpn];

    public override void NotifyFallback(bool isFallback)
    {
        // TLS 1.3 only: a fallback signal means nothing here.
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        if (m_clientProtocolNames is null || !m_clientProtocolNames.Contains(Alpn))
        {
            AlpnRefused = true;
            throw new TlsFatalAlert(AlertDescription.no_application_protocol);
        }

        return base.GetServerExtensions();
    }

    public override TlsCredentials GetCredentials()
    {
        IList<SignatureAndHashAlgorithm>? offered = m_context.SecurityParameters.ClientSigAlgs;
        SignatureAndHashAlgorithm? scheme = certificate.Schemes.FirstOrDefault(s => offered is null || offered.Contains(s));
        if (scheme is null)
        {
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }

        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), crypto, certificate.PrivateKey, certificate.TlsCertificate(crypto), scheme);
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        NtsKeyExport.ExportAll(m_context, Keys);
    }

    /// <summary>The refusal a fatal alert of ours stands for.</summary>
    public NtsKeRefusal AlertRefusal(short alert) =>
        AlpnRefused || alert == AlertDescription.no_application_protocol ? NtsKeRefusal.Alpn
        : alert == AlertDescription.protocol_version ? NtsKeRefusal.TlsVersion
        : NtsKeRefusal.Tls;
}
