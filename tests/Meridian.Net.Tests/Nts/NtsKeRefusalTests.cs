using System.Net;
using System.Net.Sockets;
using Meridian.Net.Nts;
using Org.BouncyCastle.Tls;

namespace Meridian.Net.Tests.Nts;

/// <summary>The NTS-KE server refuses what RFC 8915 and its limits exclude, issues no cookies then, and counts each refusal by reason.</summary>
public class NtsKeRefusalTests
{
    private static readonly byte[] GoodRequest = [0x80, 1, 0, 2, 0, 0, 0x80, 4, 0, 2, 0, 15, 0x80, 0, 0, 0];

    [Fact]
    public async Task RefusesATls12Client_AndCountsTlsVersion()
    {
        using var ke = new KeServer();

        var (response, error) = await RawKeClient.ExchangeAsync(ke.Port, GoodRequest, versions: ProtocolVersion.TLSv12.Only());

        Assert.Null(response);
        Assert.NotNull(error);
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["tls_version"] == 1 && c.Active == 0);
        Assert.Equal(1, counters.Refusals["tls_version"]);
        Assert.Equal(0, counters.Handshakes);
        Assert.Equal(0, counters.CookiesIssued);
    }

    [Theory]
    [InlineData("http/1.1")]
    [InlineData("")]
    public async Task RefusesAClientWithoutAlpnNtske_AndCountsAlpn(string alpn)
    {
        using var ke = new KeServer();

        var (response, error) = await RawKeClient.ExchangeAsync(ke.Port, GoodRequest, alpn: alpn.Length == 0 ? [] : [alpn]);

        Assert.Null(response);
        Assert.IsType<TlsFatalAlertReceived>(error);
        Assert.Equal(AlertDescription.no_application_protocol, ((TlsFatalAlertReceived)error).AlertDescription);
        Assert.Equal(1, ke.WaitFor(c => c.Refusals["alpn"] == 1).Refusals["alpn"]);
    }

    [Fact]
    public async Task AnswersAMalformedRequestWithBadRequest_AndCountsItsProblem()
    {
        using var ke = new KeServer();
        byte[] cookieInRequest = [0x80, 1, 0, 2, 0, 0, 0x80, 4, 0, 2, 0, 15, 0, 5, 0, 1, 9, 0x80, 0, 0, 0];

        var (response, error) = await RawKeClient.ExchangeAsync(ke.Port, cookieInRequest);

        Assert.Null(error);
        Assert.Equal(new byte[] { 0x80, 2, 0, 2, 0, 1, 0x80, 0, 0, 0 }, response);
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["bad_request"] == 1 && c.Active == 0);
        Assert.Equal(1, counters.BadRequests["server_record_in_request"]);
        Assert.Equal(0, counters.CookiesIssued);
    }

    [Fact]
    public async Task AnswersBadRequest_ForARequestLargerThanTheLimit()
    {
        using var ke = new KeServer(o => o with { MaxRequestLength = 256 });
        byte[] huge = [0x80, 1, 0, 2, 0, 0, 0x40, 0, 0x01, 0x00, .. new byte[256], 0x80, 0, 0, 0];

        var (response, _) = await RawKeClient.ExchangeAsync(ke.Port, huge);

        Assert.Equal(new byte[] { 0x80, 2, 0, 2, 0, 1, 0x80, 0, 0, 0 }, response);
        Assert.Equal(1, ke.WaitFor(c => c.Refusals["too_large"] == 1).Refusals["too_large"]);
    }

    [Fact]
    public async Task ClosesConnectionsBeyondTheCap_AtOnce_AndCountsThem()
    {
        using var ke = new KeServer(o => o with { MaxConnections = 2, HandshakeTimeout = TimeSpan.FromSeconds(30) });
        using Socket first = await ConnectAsync(ke.Port);
        using Socket second = await ConnectAsync(ke.Port);
        ke.WaitFor(c => c.Active == 2);

        Assert.True(await IsClosedAtOnceAsync(ke.Port));
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["connection_limit"] == 1);
        Assert.Equal(1, counters.Refusals["connection_limit"]);
        Assert.Equal(2, counters.Active);
    }

    [Fact]
    public async Task ClosesASlowClient_AfterTheHandshakeTimeout()
    {
        using var ke = new KeServer(o => o with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        using Socket silent = await ConnectAsync(ke.Port);
        // A ClientHello cut short: the handshake can never finish.
        await silent.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 });

        Assert.Equal(0, await ReceiveOrResetAsync(silent));
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["handshake_timeout"] == 1 && c.Active == 0);
        Assert.Equal(1, counters.Refusals["handshake_timeout"]);
        Assert.Equal(0, counters.Active);
    }

    [Fact]
    public async Task ClosesAClientThatSendsNoRequest_AfterTheIdleTimeout()
    {
        using var ke = new KeServer(o => o with { IdleTimeout = TimeSpan.FromMilliseconds(300) });

        // The request is only half sent: the server waits for the rest, then gives up.
        var (response, _) = await RawKeClient.ExchangeAsync(ke.Port, GoodRequest[..8]);

        Assert.True(response is null || response.Length == 0);
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["idle_timeout"] == 1);
        Assert.Equal(1, counters.Handshakes);
        Assert.Equal(1, counters.Refusals["idle_timeout"]);
    }

    [Fact]
    public async Task RefusesAnAddressBeyondItsBurst_BeforeAnyTlsWork()
    {
        using var ke = new KeServer(o => o with { RateBurst = 2, RateInterval = TimeSpan.FromHours(1) });

        NtsKeResult first = await ke.ExchangeAsync();
        NtsKeResult second = await ke.ExchangeAsync();
        NtsKeResult third = await ke.ExchangeAsync();

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.False(third.Succeeded);
        NtsKeCountersSnapshot counters = ke.WaitFor(c => c.Refusals["rate_limited"] == 1);
        Assert.Equal(2, counters.Handshakes);
        Assert.Equal(1, counters.Refusals["rate_limited"]);
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>Connects and reads: true when the server closed or reset the connection (possibly before the connect returned).</summary>
    private static async Task<bool> IsClosedAtOnceAsync(int port)
    {
        try
        {
            using Socket socket = await ConnectAsync(port);
            return await ReceiveOrResetAsync(socket) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    /// <summary>0 when the server closed (or reset) the connection; bounded by 20 s.</summary>
    private static async Task<int> ReceiveOrResetAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await socket.ReceiveAsync(new byte[64], SocketFlags.None, timeout.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }
}
