using System.Net.Sockets;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Tests.Control;

public class ControlClientTests
{
    [Fact]
    public void ReadsTheLargestClientsReport_ThreeSectionsOfTheTopHundredThousand()
    {
        const int Top = 100_000;
        var clients = Enumerable.Range(0, Top)
            .Select(i => new ClientObservation($"2001:db8:{i >> 16:x}:{i & 0xffff:x}::/64", 12345.67890625 + i, 0.00390625, 98765 + i, 4321, 17, 0.004, 1.0625))
            .ToList();
        var document = new ClientsReportDocument("the running server", new ClientReport(Top, 12345.6789, clients, clients, clients));
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report(), top => document);

        var answer = ControlClient.Query(dir.SocketPath, $"clients {Top}", ControlJson.Wire.ClientsReportDocument);

        Assert.Equal(Top, answer.Report.ByRate.Count);
        Assert.Equal(Top, answer.Report.RapidFire.Count);
        Assert.Equal(clients[^1], answer.Report.BurstClients[^1]);
    }

    [Fact]
    public void AsksWhetherTheServerRuns_WhenTheSocketFileIsMissing()
    {
        using var dir = new TempSocketDirectory();

        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, "status"));

        Assert.Equal($"no control socket at {dir.SocketPath}: is 'meridian serve' running?", e.Message);
    }

    [Fact]
    public void AsksWhetherTheServerRuns_WhenNothingListensOnTheSocketFile()
    {
        using var dir = new TempSocketDirectory();
        Directory.CreateDirectory(Path.GetDirectoryName(dir.SocketPath)!);
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(dir.SocketPath));
        }

        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, "status"));

        Assert.Contains("is 'meridian serve' running?", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SocketError.AddressNotAvailable, "no control socket at /run/m.sock: is 'meridian serve' running?")]
    [InlineData(SocketError.ConnectionRefused, "nothing listens on /run/m.sock: is 'meridian serve' running?")]
    [InlineData(SocketError.AccessDenied, "permission denied on /run/m.sock: run as root or a member of the socket's group")]
    [InlineData(SocketError.TimedOut, "cannot connect to /run/m.sock: reason")]
    public void ExplainsConnectFailures(SocketError error, string expected)
    {
        Assert.Equal(expected, ControlClient.ConnectFailure("/run/m.sock", error, "reason"));
    }
}
