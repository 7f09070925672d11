using System.Text.Json;
using System.Text.Json.Serialization;
using Meridian.Commands.Audit;
using Meridian.Commands.Monitor;
using Meridian.Commands.Query;
using Meridian.Commands.Traffic;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Tests.Control;

/// <summary>
/// The compile-time serializers (needed for Native AOT) write every document byte for byte as the
/// reflection-based serializer with the options Meridian used before did, compact and indented.
/// </summary>
public class GeneratedJsonTests
{
    public static TheoryData<object, bool> Documents()
    {
        var data = new TheoryData<object, bool>();
        object[] documents =
        [
            SampleReports.Report(),
            SampleReports.Report() with { NtsKe = SampleReports.NtsKe() },
            SampleReports.Report() with { Sync = SampleReports.Sync(systemPeer: null) with { OffsetMs = double.NaN, FrequencyPpm = double.PositiveInfinity } },
            new ClientsReportDocument("server", new ClientReport(3, 120.5, [Observation("192.0.2.1", 0.02)], [Observation("2001:db8::1", null)], [])),
            new ReloadReport("/etc/meridian/meridian.conf", ["+ restrict default limited"], ["- listen 0.0.0.0:123"]),
            ReloadReport.Failed("/etc/meridian/meridian.conf", "/etc/meridian/meridian.conf:3: unknown directive 'serevr'"),
            new AuditDocument("ntp.example", "192.0.2.7:123", 2, 1, new AmplificationReport(
                [new ProbeFinding("monlist", ProbeKind.Private, 8, 3, 1320, 165, 21.3), new ProbeFinding("client", ProbeKind.ClientQuery, 48, 1, 48, 1, 1)],
                28, true, false, 165, ["restrict default noquery"])),
            new TrafficDocument("capture", "dump.pcap", "192.0.2.7", null, 123, 60.25, 10, 9, 900, 810, 1710, 0.12, 0.11, 0.23,
                7, true, 0.008, 1.5, 0.09, 0.135, ["a note with \"quotes\" and é"]),
            new List<QueryResult>
            {
                new("192.0.2.7", 123, 2, "GPS", -0.000123, 0.0145, 0.02, "no warning", null, null),
                new("2001:db8::7", 123, null, null, null, null, null, null, null, "no answer within 1 s"),
            },
            new MonitorRecord("2026-11-22T10:00:00.000Z", "192.0.2.7:123", 0.001, 0.02, 1, null, 0.5, true, "ok", null),
            new Dictionary<string, string> { ["error"] = "unknown command" },
        ];
        foreach (object document in documents)
        {
            data.Add(document, false);
            data.Add(document, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void WritesTheSameBytes_AsTheReflectionSerializer(object document, bool indented)
    {
        JsonSerializerOptions generated = indented ? ControlJson.Indented : ControlJson.Compact;

        string expected = JsonSerializer.Serialize(document, document.GetType(), Reflection(indented));
        string actual = JsonSerializer.Serialize(document, generated.GetTypeInfo(document.GetType()));

        Assert.Equal(expected, actual);
    }

    /// <summary>The options Meridian serialized with before the generated context.</summary>
    private static JsonSerializerOptions Reflection(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static ClientObservation Observation(string address, double? interval) =>
        new(address, 30, 0.5, 12, 2, 1, 0.001, interval);
}
