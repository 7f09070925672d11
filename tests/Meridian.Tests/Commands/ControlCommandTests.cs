using System.Text.Json;
using Meridian.Commands.Peers;
using Meridian.Commands.Status;
using Meridian.Control;
using Meridian.Tests.Control;

namespace Meridian.Tests.Commands;

public class ControlCommandTests
{
    public static TheoryData<string> Commands => new() { "status", "peers" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void PrintsText_AndExitsZero_WhenTheServerAnswers(string command)
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report(dir.SocketPath));
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Run(command, dir.SocketPath, json: false, output, error);

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        string expected = command == "status" ? StatusText.Format(SampleReports.Report()) : PeersTable.Format(SampleReports.Sync());
        Assert.Equal(expected, output.ToString());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void PrintsIndentedJson_ThatParsesBack(string command)
    {
        using var dir = new TempSocketDirectory();
        StatusReport report = SampleReports.Report(dir.SocketPath);
        using var server = ControlServer.Start(dir.SocketPath, () => report);
        var output = new StringWriter();

        int exit = Run(command, dir.SocketPath, json: true, output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.StartsWith("{\n  \"sync\": {", output.ToString(), StringComparison.Ordinal);
        ReportAssert.Equal(report, JsonSerializer.Deserialize<StatusReport>(output.ToString(), ControlJson.Indented)!);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ExitsOne_WithTheReasonOnError_WhenNoServerRuns(string command)
    {
        using var dir = new TempSocketDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Run(command, dir.SocketPath, json: false, output, error);

        Assert.Equal(1, exit);
        Assert.Equal("", output.ToString());
        Assert.Equal($"meridian {command}: no control socket at {dir.SocketPath}: is 'meridian serve' running?\n", error.ToString());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ProgramExitsOne_WhenNoServerRunsAtTheGivenSocket(string command)
    {
        using var dir = new TempSocketDirectory();

        Assert.Equal(1, Program.Main([command, "--socket", dir.SocketPath, "--json"]));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ProgramExitsZero_WhenTheServerAnswersAtTheGivenSocket(string command)
    {
        using var dir = new TempSocketDirectory();
        using var server = ControlServer.Start(dir.SocketPath, () => SampleReports.Report(dir.SocketPath));

        Assert.Equal(0, Program.Main([command, "--socket", dir.SocketPath]));
    }

    private static int Run(string command, string socketPath, bool json, TextWriter output, TextWriter error) => command == "status"
        ? StatusCommand.Run(socketPath, json, output, error)
        : PeersCommand.Run(socketPath, json, output, error);
}
