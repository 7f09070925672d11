using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Meridian.Control;

namespace Meridian.Tests.Control;

public class ControlServerTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("peers")]
    public void AnswersTheStatusReport_ToStatusAndPeers(string command)
    {
        using var dir = new TempSocketDirectory();
        StatusReport report = SampleReports.Report(dir.SocketPath);
        using var server = ControlServer.Start(dir.SocketPath, () => report);

        StatusReport answer = ControlClient.Query(dir.SocketPath, command);

        ReportAssert.Equal(report, answer);
    }

    [Fact]
    public void AnswersOneJsonLine_EndingInNewline()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        string answer = ControlClient.Exchange(dir.SocketPath, "status");

        Assert.EndsWith("}\n", answer, StringComparison.Ordinal);
        Assert.Equal(1, answer.Count(c => c == '\n'));
        Assert.Contains("\"ModePrivate\":300", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("STATUS")]
    [InlineData("status please")]
    [InlineData("readvar")]
    public void AnswersAnError_ToAnUnknownCommand(string command)
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        Assert.Equal("{\"error\":\"unknown command\"}\n", ControlClient.Exchange(dir.SocketPath, command));
        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, command));
        Assert.Contains("unknown command", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswersAnUnknownCommand_ToALineLongerThanTheLimit()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        string answer = ControlClient.Exchange(dir.SocketPath, "status" + new string(' ', ControlServer.MaxCommandBytes) + "x");

        Assert.Equal("{\"error\":\"unknown command\"}\n", answer);
    }

    [Fact]
    public void AnswersAnError_WhenTheReportFails_AndKeepsServing()
    {
        using var dir = new TempSocketDirectory();
        int calls = 0;
        using var server = ControlServer.Start(dir.SocketPath, () => ++calls == 1 ? throw new InvalidOperationException("not yet") : SampleReports.Report());

        Assert.Equal("{\"error\":\"status unavailable: not yet\"}\n", ControlClient.Exchange(dir.SocketPath, "status"));
        Assert.Equal(12345, ControlClient.Query(dir.SocketPath, "status").Counters.Received);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void CreatesTheSocketWithMode0660_InADirectoryItCreatesWithMode0755()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        Assert.Equal((UnixFileMode)0b110_110_000, File.GetUnixFileMode(dir.SocketPath));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.GetDirectoryName(dir.SocketPath)!));
    }

    [Fact]
    public void DisposeDeletesTheSocketFile()
    {
        using var dir = new TempSocketDirectory();
        var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());
        Assert.True(File.Exists(dir.SocketPath));

        server.Dispose();

        Assert.False(File.Exists(dir.SocketPath));
        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, "status"));
        Assert.Contains("is 'meridian serve' running?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASilentClient_DoesNotKeepASecondClientFromItsAnswer()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Connect(new UnixDomainSocketEndPoint(dir.SocketPath));

        StatusReport answer = ControlClient.Query(dir.SocketPath, "status");

        Assert.Equal(12345, answer.Counters.Received);
        silent.ReceiveTimeout = (int)ControlClient.Timeout.TotalMilliseconds;
        Assert.Equal(0, silent.Receive(new byte[16])); // the server gave up on it and closed
    }

    [Fact]
    public void ManyIdleConnections_DoNotDelayAnotherClientsAnswer()
    {
        using var dir = new TempSocketDirectory();
        // Idle clients are given a minute here, far past the CLI's 5 s: only serving them concurrently answers in time.
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report(), null, TimeSpan.FromMinutes(1));
        var idle = new List<Socket>();
        try
        {
            for (int i = 0; i < 20; i++)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                idle.Add(socket);
                socket.Connect(new UnixDomainSocketEndPoint(dir.SocketPath));
            }

            StatusReport answer = ControlClient.Query(dir.SocketPath, "status");

            Assert.Equal(12345, answer.Counters.Received);
            Assert.All(idle, s => Assert.False(s.Poll(0, SelectMode.SelectRead))); // each still open, none answered or closed first
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void ClosesAConnectionBeyondTheLimit_AtOnce()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report(), null, TimeSpan.FromMinutes(1));
        var idle = new List<Socket>();
        try
        {
            for (int i = 0; i < ControlServer.MaxConnections + 1; i++)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 5000 };
                idle.Add(socket);
                socket.Connect(new UnixDomainSocketEndPoint(dir.SocketPath));
            }

            Assert.Equal(0, idle[^1].Receive(new byte[16])); // closed without an answer, long before its minute
            Assert.Equal(ControlServer.MaxConnections, server.OpenConnections);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public void AClientThatClosesWithoutANewline_IsAnsweredForWhatItSent()
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(dir.SocketPath));

        client.Send(Encoding.ASCII.GetBytes("peers"));
        client.Shutdown(SocketShutdown.Send);
        var answer = new byte[64 * 1024];
        client.ReceiveTimeout = (int)ControlClient.Timeout.TotalMilliseconds;
        int length = client.Receive(answer);

        Assert.StartsWith("{\"sync\":", Encoding.UTF8.GetString(answer, 0, length), StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacesAStaleSocketFile()
    {
        using var dir = new TempSocketDirectory();
        ControlServer.Start(dir.SocketPath, () => SampleReports.Report()).Dispose();
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(dir.SocketPath)); // closed without unlinking, like a crash
        }

        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        Assert.Equal(12345, ControlClient.Query(dir.SocketPath, "status").Counters.Received);
    }

    [Fact]
    public void RefusesToStart_WhenAnotherServerListensOnThePath()
    {
        using var dir = new TempSocketDirectory();
        using var first = ControlServer.Start(dir.SocketPath, () => SampleReports.Report());

        var e = Assert.Throws<ControlSocketException>(() => ControlServer.Start(dir.SocketPath, () => SampleReports.Report()));

        Assert.Equal($"cannot create control socket {dir.SocketPath}: another server is listening on it", e.Message);
        Assert.Equal(12345, ControlClient.Query(dir.SocketPath, "status").Counters.Received);
    }

    [Fact]
    public void RefusesToReplaceAFileThatIsNotASocket()
    {
        using var dir = new TempSocketDirectory();
        Directory.CreateDirectory(Path.GetDirectoryName(dir.SocketPath)!);
        File.WriteAllText(dir.SocketPath, "precious");

        var e = Assert.Throws<ControlSocketException>(() => ControlServer.Start(dir.SocketPath, () => SampleReports.Report()));

        Assert.Contains("is not a socket", e.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(dir.SocketPath));
    }

    [Fact]
    public void SaysWhichPathCannotBeBound()
    {
        using var dir = new TempSocketDirectory();
        Directory.CreateDirectory(dir.Directory);
        string underAFile = Path.Combine(dir.Directory, "file", "meridian.sock");
        File.WriteAllText(Path.Combine(dir.Directory, "file"), "");

        var e = Assert.Throws<ControlSocketException>(() => ControlServer.Start(underAFile, () => SampleReports.Report()));

        Assert.StartsWith($"cannot create control socket {underAFile}: ", e.Message, StringComparison.Ordinal);
    }
}
