using Meridian.Core.Analysis;
using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Analysis;

/// <summary>Factors over payloads and over headers, and the verdict drawn from them.</summary>
public class AmplificationAuditTests
{
    private static readonly AmplificationProbe Monlist = new("monlist", ProbeKind.Private, new byte[192]);
    private static readonly AmplificationProbe ReadVar = new("readvar", ProbeKind.Control, new byte[12]);
    private static readonly AmplificationProbe Client = new("client", ProbeKind.ClientQuery, new byte[48]);
    private static readonly AmplificationProbe Padded = new("padded", ProbeKind.ClientQuery, new byte[468]);

    [Theory]
    [InlineData(4400, 192, 4400.0 / 192)]
    [InlineData(48, 48, 1.0)]
    [InlineData(48, 468, 48.0 / 468)]
    [InlineData(0, 12, 0.0)]
    public void DividesPayloadBytesBack_ByPayloadBytesSent(long back, int sent, double factor)
    {
        Assert.Equal(factor, AmplificationAudit.Factor(back, sent), 12);
    }

    [Fact]
    public void AddsOneHeaderPerDatagram_InBothDirections()
    {
        // 10 datagrams of 440 bytes to a 192-byte request over IPv4: (4400 + 10*28) / (192 + 28).
        Assert.Equal(4680.0 / 220, AmplificationAudit.FactorWithHeaders(4400, 10, 192, ServingCounters.IPv4UdpOverhead), 12);
        Assert.Equal(0.0, AmplificationAudit.FactorWithHeaders(0, 0, 12, ServingCounters.IPv6UdpOverhead));
        Assert.Equal(1.0, AmplificationAudit.FactorWithHeaders(48, 1, 48, ServingCounters.IPv6UdpOverhead), 12);
    }

    [Fact]
    public void IsNotExploitable_WhenManagementProbesGetNothingAndClientsGetOneEqualOrSmallerReply()
    {
        AmplificationReport report = AmplificationAudit.Evaluate(
            [new(Monlist, 0, 0), new(ReadVar, 0, 0), new(Client, 1, 48), new(Padded, 1, 48)],
            ServingCounters.IPv4UdpOverhead);

        Assert.False(report.Exploitable);
        Assert.False(report.InformationLeak);
        Assert.Equal("not exploitable", report.Verdict);
        Assert.Equal(1.0, report.MaxFactor);
        Assert.Empty(report.Fix);
    }

    [Fact]
    public void IsExploitable_WhenAnyProbeGetsMoreBytesBackThanItSent()
    {
        AmplificationReport report = AmplificationAudit.Evaluate(
            [new(Monlist, 10, 4400), new(Client, 1, 48)],
            ServingCounters.IPv4UdpOverhead);

        Assert.True(report.Exploitable);
        Assert.Equal("exploitable", report.Verdict);
        Assert.Equal(4400.0 / 192, report.MaxFactor, 12);
        Assert.True(report.Findings[0].Amplifies);
        Assert.False(report.Findings[1].Amplifies);
        Assert.Contains("disable monitor", report.Fix);
        Assert.Contains("restrict default kod nomodify notrap nopeer noquery limited", report.Fix);
    }

    [Fact]
    public void IsExploitable_WhenAClientQueryIsAnsweredWithMoreThanItSent()
    {
        AmplificationReport report = AmplificationAudit.Evaluate([new(Client, 2, 96)], ServingCounters.IPv4UdpOverhead);

        Assert.True(report.Exploitable);
        Assert.False(report.InformationLeak);
    }

    [Fact]
    public void ReportsAnInformationLeakButNotExploitable_WhenAManagementProbeGetsASmallerAnswer()
    {
        var bigReadVar = new AmplificationProbe("readvar padded", ProbeKind.Control, new byte[480]);

        AmplificationReport report = AmplificationAudit.Evaluate([new(bigReadVar, 1, 400)], ServingCounters.IPv4UdpOverhead);

        Assert.False(report.Exploitable);
        Assert.True(report.InformationLeak);
        Assert.True(report.Findings[0].Leaks);
        Assert.NotEmpty(report.Fix);
    }
}
