using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary>The load generator: loopback only, and every request of a light step answered and counted.</summary>
public class LoadGenTests
{
    [Fact]
    public void CountsEveryAnswerOfALightStep_WithASmallServedTimeError()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");

        var result = LoadGen("--server", server.Listening.Single().ToString(), "--rates", "2000", "--seconds", "1", "--sources", "4");

        Assert.Equal(0, result.ExitCode);
        string[] header = result.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] step = result.Output.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2000", step[0]);
        Assert.Equal("2000", step[1]);
        Assert.Equal("2000", step[2]);
        Assert.Equal("0.00", step[4]);
        Assert.InRange(double.Parse(step[Array.IndexOf(header, "off-p50us")], CultureInfo.InvariantCulture), 0, 1000);
        Assert.Equal(0, server.Stop());
        Assert.Contains("received 2000, served 2000", server.Log);
    }

    [Fact]
    public void ReportsTheServersKernelTransmitTimestampError_OfEachStep()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.sock");
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile($"local stratum 1\ncontrolsocket {socket}\n"), "--listen", "127.0.0.1:0", "--workers", "1");

        var result = LoadGen("--server", server.Listening.Single().ToString(), "--rates", "2000,3000", "--seconds", "1", "--sources", "4", "--control", socket);

        Assert.True(result.ExitCode == 0, result.All);
        string[] header = result.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (string line in result.Output.Split('\n')[2..4])
        {
            string[] step = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(double.Parse(step[Array.IndexOf(header, "kt3-mean")], CultureInfo.InvariantCulture), 0.001, 1000);
            Assert.InRange(double.Parse(step[Array.IndexOf(header, "kt3-p99")], CultureInfo.InvariantCulture), 0.001, 10_000);
        }

        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void CountsAnAnswerOnlyOnce_AndOnlyWhenItsOriginWasSent()
    {
        // A responder that answers every request twice, and once more with an origin never sent.
        using var responder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 200 };
        responder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var thread = new Thread(() => Echo(responder, stop.Token)) { IsBackground = true };
        thread.Start();

        var result = LoadGen("--server", responder.LocalEndPoint!.ToString()!, "--rates", "500", "--seconds", "1", "--sources", "8");
        stop.Cancel();
        thread.Join();

        Assert.Equal(0, result.ExitCode);
        string[] header = result.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] step = result.Output.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["500", "500", "500", "0", "0.00"], step[..5]);
    }

    [Fact]
    public void RefusesAServerOutsideLoopback()
    {
        var result = LoadGen("--server", "192.0.2.1:123", "--rates", "1000", "--seconds", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("only sends to loopback", result.Error);
    }

    private static void Echo(Socket socket, CancellationToken stop)
    {
        byte[] request = new byte[2048];
        byte[] reply = new byte[NtpHeader.Size];
        EndPoint client = new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                socket.ReceiveFrom(request, ref client);
            }
            catch (SocketException)
            {
                continue;
            }

            reply[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Server);
            reply[1] = 1;
            request.AsSpan(NtpHeader.TransmitTimestampOffset, 8).CopyTo(reply.AsSpan(NtpHeader.OriginTimestampOffset));
            socket.SendTo(reply, client);
            socket.SendTo(reply, client);
            reply[NtpHeader.OriginTimestampOffset + 7] ^= 0x55;
            socket.SendTo(reply, client);
        }
    }

    private static ExternalTool.Result LoadGen(params string[] arguments) => ExternalTool.Run(
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
        [Path.Combine(AppContext.BaseDirectory, "meridian-loadgen.dll"), .. arguments],
        TimeSpan.FromSeconds(60));
}
