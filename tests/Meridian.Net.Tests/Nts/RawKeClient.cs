using System.Net;
using System.Net.Sockets;
using System.Text;
using Meridian.Net.Nts;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Tests.Nts;

/// <summary>
/// A misbehaving NTS-KE client for refusal tests: any TLS versions and ALPN names (or none), no
/// certificate check, and any bytes as the request. Returns the server's answer, or the exception.
/// </summary>
internal static class RawKeClient
{
    public static async Task<(byte[]? Response, Exception? Error)> ExchangeAsync(int port, byte[] request, ProtocolVersion[]? versions = null, string[]? alpn = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        var protocol = new TlsClientProtocol();
        var pump = new TlsPump(protocol, socket);
        try
        {
            protocol.Connect(new Client(versions ?? ProtocolVersion.TLSv13.Only(), alpn ?? ["ntske/1"]));
            if (!await pump.HandshakeAsync(timeout.Token))
            {
                return (null, new IOException("closed during the handshake"));
            }

            protocol.WriteApplicationData(request, 0, request.Length);
            await pump.FlushAsync(timeout.Token);
            var response = new byte[65536];
            int length = await pump.ReadMessageAsync(response, _ => false, timeout.Token);
            return (response[..length], null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e);
        }
    }

    private sealed class Client(ProtocolVersion[] versions, string[] alpn) : DefaultTlsClient(new BcTlsCrypto())
    {
        protected override ProtocolVersion[] GetSupportedVersions() => versions;

        protected override IList<ProtocolName>? GetProtocolNames() => alpn.Length == 0 ? null : alpn.Select(ProtocolName.AsUtf8Encoding).ToList();

        public override TlsAuthentication GetAuthentication() => new TrustAll();
    }

    private sealed class TrustAll : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
    }

    public static string Text(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
