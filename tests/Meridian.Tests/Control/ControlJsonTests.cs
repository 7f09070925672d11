using System.Text.Json;
using Meridian.Control;

namespace Meridian.Tests.Control;

public class ControlJsonTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StatusReportRoundTrips(bool indented)
    {
        StatusReport report = SampleReports.Report();
        var options = indented ? ControlJson.Indented : ControlJson.Compact;

        var parsed = JsonSerializer.Deserialize<StatusReport>(JsonSerializer.Serialize(report, options), options);

        ReportAssert.Equal(report, parsed!);
    }

    [Fact]
    public void WritesCamelCaseNames_AndEnumsAsNames()
    {
        string json = JsonSerializer.Serialize(SampleReports.Report(), ControlJson.Compact);

        Assert.Contains("\"uptimeSeconds\":3723.5", json, StringComparison.Ordinal);
        Assert.Contains("\"systemPeer\":\"127.0.0.1:11123\"", json, StringComparison.Ordinal);
        Assert.Contains("\"leap\":\"NoWarning\"", json, StringComparison.Ordinal);
        Assert.Contains("\"discipline\":\"Sync\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tally\":\"SystemPeer\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ModePrivate\":300", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"u\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesNonFiniteNumbers_InsteadOfFailing()
    {
        var report = SampleReports.Report() with { Sync = SampleReports.Sync() with { OffsetMs = double.NaN } };

        var parsed = JsonSerializer.Deserialize<StatusReport>(JsonSerializer.Serialize(report, ControlJson.Compact), ControlJson.Compact);

        Assert.True(double.IsNaN(parsed!.Sync.OffsetMs));
    }

    [Fact]
    public void ErrorDocumentKeepsTheMessage_WhateverItContains()
    {
        const string message = "a \"quoted\" reason\nwith a newline";

        using var document = JsonDocument.Parse(ControlJson.Error(message));

        Assert.Equal(message, document.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain('\n', ControlJson.Error(message));
    }
}
