using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Meridian.Core.Nts;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Meridian.Net.Nts;

/// <summary>
/// The NTS-KE server (RFC 8915 §4) on TCP: per connection, a TLS 1.3 handshake with ALPN
/// <c>ntske/1</c>, one request, one response with cookies from the <see cref="INtsCookieIssuer"/>,
/// close. Hardened against cheap attacks: a cap on concurrent connections and a per-address rate
/// checked before any TLS work, handshake and idle deadlines (a slow client holds no thread: every
/// wait is an async receive), a request size and record count limit. Every connection that gets no
/// cookies is counted by reason. Off the NTP serving path: nothing here touches the UDP loops.
/// </summary>
public sealed class NtsKeServer : IDisposable
{
    private readonly List<Socket> _listeners;
    private readonly NtsKeServerOptions _options;
    private readonly NtsKeResponder _responder;
    private readonly NtsKeRateLimiter _rate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _loops = [];
    private NtsCertificate _certificate;

    private NtsKeServer(List<Socket> listeners, NtsKeServerOptions options, NtsCertificate certificate, INtsCookieIssuer issuer)
    {
        _listeners = listeners;
        _options = options;
        _certificate = certificate;
        _responder = new NtsKeResponder(options.Responder, issuer);
        _rate = new NtsKeRateLimiter(options.RateBurst, options.RateInterval, options.RateTableSize);
    }

    public NtsKeCounters Counters { get; } = new();

    public IReadOnlyList<IPEndPoint> LocalEndPoints => _listeners.Select(l => (IPEndPoint)l.LocalEndPoint!).ToList();

    /// <summary>The certificate new connections get.</summary>
    public NtsCertificate Certificate => Volatile.Read(ref _certificate);

    /// <summary>
    /// Binds every address (nothing is left open when one fails: the <see cref="ListenException"/>
    /// names it), then accepts connections until disposed.
    /// </summary>
    public static NtsKeServer Start(NtsKeServerOptions options, NtsCertificate certificate, INtsCookieIssuer issuer)
    {
        var listeners = new List<Socket>();
        try
        {
            foreach (IPEndPoint endPoint in options.Listen)
            {
                listeners.Add(Bind(endPoint));
            }
        }
        catch
        {
            listeners.ForEach(l => l.Dispose());
            throw;
        }

        var server = new NtsKeServer(listeners, options, certificate, issuer);
        foreach (Socket listener in listeners)
        {
            server._loops.Add(Task.Run(() => server.AcceptLoopAsync(listener)));
        }

        return server;
    }

    /// <summary>Connections from now on use <paramref name="certificate"/> (a renewal); those in progress finish with theirs.</summary>
    public void ReplaceCertificate(NtsCertificate certificate) => Volatile.Write(ref _certificate, certificate);

    public void Dispose()
    {
        _stop.Cancel();
        _listeners.ForEach(l => l.Dispose());
        Task.WhenAll(_loops).Wait(TimeSpan.FromSeconds(5));

        // _stop is cancelled, not disposed: connections still finishing link their deadlines to it.
    }

    private static Socket Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // [::] and 0.0.0.0 are separate listen addresses, as for NTP.
                socket.DualMode = false;
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(512);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ListenException(endPoint, e.SocketErrorCode, $"cannot listen for NTS-KE on {endPoint} (TCP): {e.Message}", e);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset while queued, or out of descriptors: keep accepting.
                continue;
            }

            Counters.Connection();
            if (!Counters.TryEnter(_options.MaxConnections))
            {
                Refuse(client, NtsKeRefusal.ConnectionLimit);
                continue;
            }

            IPAddress address = ((IPEndPoint)client.RemoteEndPoint!).Address;
            if (!_rate.TryTake(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, _clock.Elapsed))
            {
                Counters.Leave();
                Refuse(client, NtsKeRefusal.RateLimited);
                continue;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private void Refuse(Socket client, NtsKeRefusal reason)
    {
        Counters.Refused(reason);
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
    }

    private async Task ServeAsync(Socket client)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var tls = new NtsKeTlsServer(new BcTlsCrypto(), Certificate);
        var protocol = new TlsServerProtocol();
        var pump = new TlsPump(protocol, client);
        NtsKeRefusal? refusal = null;
        bool handshaking = true;
        try
        {
            client.NoDelay = true;
            deadline.CancelAfter(_options.HandshakeTimeout);
            protocol.Accept(tls);
            if (!await pump.HandshakeAsync(deadline.Token).ConfigureAwait(false))
            {
                refusal = NtsKeRefusal.ClosedEarly;
                return;
            }

            handshaking = false;
            Counters.Handshake();
            deadline.CancelAfter(_options.IdleTimeout);
            refusal = await RespondAsync(pump, tls.Keys, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            refusal = handshaking ? NtsKeRefusal.HandshakeTimeout : NtsKeRefusal.IdleTimeout;
        }
        catch (TlsFatalAlert alert)
        {
            refusal = tls.AlertRefusal(alert.AlertDescription);
            await pump.TrySendAlertAsync().ConfigureAwait(false);
        }
        catch (TlsFatalAlertReceived)
        {
            refusal = NtsKeRefusal.Tls;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            refusal = NtsKeRefusal.ClosedEarly;
        }
        catch (Exception e) when (e is TlsException or InvalidOperationException or ArgumentException)
        {
            refusal = NtsKeRefusal.Tls;
        }
        catch (Exception)
        {
            // A defect of ours must not end the accept loop or go unobserved: counted, the connection closed.
            refusal = NtsKeRefusal.Internal;
        }
        finally
        {
            if (refusal is NtsKeRefusal reason)
            {
                Counters.Refused(reason);
            }

            client.Dispose();
            Counters.Leave();
        }
    }

    /// <summary>Reads one request, answers it; null when cookies were issued, else why not.</summary>
    private async Task<NtsKeRefusal?> RespondAsync(TlsPump pump, NtsKeSessionKeys keys, CancellationToken cancel)
    {
        var request = new byte[_options.MaxRequestLength];
        NtsKeFraming framing = NtsKeFraming.Incomplete;
        int messageLength = 0;
        await pump.ReadMessageAsync(request, read =>
        {
            framing = NtsKeRecords.Frame(request.AsSpan(0, read), _options.MaxRequestLength, _options.MaxRequestRecords, out messageLength);
            return framing != NtsKeFraming.Incomplete;
        }, cancel).ConfigureAwait(false);

        if (framing == NtsKeFraming.Incomplete)
        {
            return NtsKeRefusal.ClosedEarly;
        }

        // A request whose end does not come within the limit is answered as a malformed one.
        var response = new byte[_responder.MaxResponseLength];
        NtsKeReply reply = framing == NtsKeFraming.TooLarge
            ? NtsKeResponder.Refuse(NtsKeRequestProblem.Malformed, response)
            : _responder.Respond(request.AsSpan(0, messageLength), keys, response);
        await pump.WriteAndCloseAsync(response, reply.Length, cancel).ConfigureAwait(false);
        switch (reply.Outcome)
        {
            case NtsKeOutcome.Accepted:
                Counters.Accepted(reply.Cookies);
                return null;
            case NtsKeOutcome.Error when framing == NtsKeFraming.TooLarge:
                return NtsKeRefusal.TooLarge;
            case NtsKeOutcome.Error:
                Counters.Problem(reply.Problem);
                return NtsKeRefusal.BadRequest;
            default:
                return NtsKeRefusal.NothingInCommon;
        }
    }
}
