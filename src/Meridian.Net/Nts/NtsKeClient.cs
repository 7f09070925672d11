using System.Net;
using System.Net.Sockets;
using Meridian.Core.Nts;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Nts;

/// <summary>
/// NTS-KE as a client (RFC 8915 §4): connect, TLS 1.3 with ALPN <c>ntske/1</c> and the server's
/// certificate checked, send NTPv4 and the AEADs offered, read the response, and return the keys,
/// cookies and NTP server — or why not. One attempt; the caller retries with backoff.
/// </summary>
public static class NtsKeClient
{
    public static async Task<NtsKeResult> ExchangeAsync(NtsKeClientOptions options, CancellationToken cancel = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(options.Timeout);
        try
        {
            IPAddress address = options.Address ?? await ResolveAsync(options.Host, deadline.Token).ConfigureAwait(false);
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, options.Port), deadline.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                return NtsKeResult.Failed(NtsKeFailure.Connect, $"{options.Host} ({address}) port {options.Port}: {e.Message}");
            }

            return await ExchangeAsync(socket, options, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return NtsKeResult.Failed(NtsKeFailure.Timeout, $"{options.Host} port {options.Port}: no answer within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData)
        {
            return NtsKeResult.Failed(NtsKeFailure.Resolve, $"{options.Host}: {e.Message}");
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancel) =>
        IPAddress.TryParse(host, out IPAddress? literal) ? literal : (await Dns.GetHostAddressesAsync(host, cancel).ConfigureAwait(false))[0];

    private static async Task<NtsKeResult> ExchangeAsync(Socket socket, NtsKeClientOptions options, CancellationToken cancel)
    {
        var tls = new NtsKeTlsClient(new BcTlsCrypto(), options.Host, options.TrustedCertificates);
        var protocol = new TlsClientProtocol();
        var pump = new TlsPump(protocol, socket);
        try
        {
            protocol.Connect(tls);
            if (!await pump.HandshakeAsync(cancel).ConfigureAwait(false))
            {
                return NtsKeResult.Failed(NtsKeFailure.Tls, "the server closed the connection during the TLS handshake");
            }

            var request = new byte[64];
            int length = NtsKeResponse.WriteRequest(request, options.Aeads);
            protocol.WriteApplicationData(request, 0, length);
            await pump.FlushAsync(cancel).ConfigureAwait(false);

            var response = new byte[options.MaxResponseLength];
            NtsKeFraming framing = NtsKeFraming.Incomplete;
            int messageLength = 0;
            await pump.ReadMessageAsync(response, read =>
            {
                framing = NtsKeRecords.Frame(response.AsSpan(0, read), options.MaxResponseLength, 1024, out messageLength);
                return framing != NtsKeFraming.Incomplete;
            }, cancel).ConfigureAwait(false);
            if (framing != NtsKeFraming.Complete)
            {
                return new NtsKeResult
                {
                    Failure = NtsKeFailure.Response,
                    ResponseProblem = NtsKeResponseProblem.Malformed,
                    Detail = framing == NtsKeFraming.TooLarge ? $"the response is larger than {options.MaxResponseLength} bytes" : "the server closed before the end of its response",
                };
            }

            try
            {
                protocol.Close();
                await pump.FlushAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or TlsException)
            {
                // The server may already have closed: the response is whole, which is all that matters.
            }

            return Result(NtsKeResponse.Parse(response.AsSpan(0, messageLength), options.Aeads.ToArray()), tls, options);
        }
        catch (TlsFatalAlert alert)
        {
            await pump.TrySendAlertAsync().ConfigureAwait(false);
            (NtsKeFailure failure, string detail) = tls.Refusal ?? (NtsKeFailure.Tls, $"TLS: {alert.Message}");
            return NtsKeResult.Failed(failure, detail) with { ServerCertificate = tls.ServerSubject };
        }
        catch (TlsFatalAlertReceived alert)
        {
            NtsKeFailure failure = alert.AlertDescription == AlertDescription.no_application_protocol ? NtsKeFailure.Alpn : NtsKeFailure.Tls;
            return NtsKeResult.Failed(failure, $"the server refused the TLS handshake: {AlertDescription.GetText(alert.AlertDescription)}") with { ServerCertificate = tls.ServerSubject };
        }
        catch (Exception e) when (e is SocketException or IOException or TlsException)
        {
            return NtsKeResult.Failed(NtsKeFailure.Tls, $"TLS: {e.Message}") with { ServerCertificate = tls.ServerSubject };
        }
    }

    private static NtsKeResult Result(NtsKeResponse response, NtsKeTlsClient tls, NtsKeClientOptions options)
    {
        if (response.Problem != NtsKeResponseProblem.None || response.Aead is not NtsAead aead)
        {
            string detail = response.Problem == NtsKeResponseProblem.ServerError
                ? $"the server answered with NTS-KE error {response.ErrorCode}"
                : $"the server's response: {response.Problem}";
            return new NtsKeResult { Failure = NtsKeFailure.Response, ResponseProblem = response.Problem, Detail = detail, ServerCertificate = tls.ServerSubject };
        }

        return new NtsKeResult
        {
            Aead = aead,
            ClientToServerKey = tls.Keys.ClientToServer(aead).ToArray(),
            ServerToClientKey = tls.Keys.ServerToClient(aead).ToArray(),
            Cookies = response.Cookies,
            NtpServer = response.NtpServer ?? options.Host,
            NtpPort = response.NtpPort ?? NtsKeResult.DefaultNtpPort,
            ServerCertificate = tls.ServerSubject,
        };
    }
}
