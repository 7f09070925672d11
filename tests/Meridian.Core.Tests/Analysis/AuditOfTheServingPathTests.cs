using Meridian.Core.Analysis;
using Meridian.Core.Tests.Serving;
using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Analysis;

/// <summary>The audit's probes through Meridian's own serving path: nothing to reflect, nothing leaked.</summary>
public class AuditOfTheServingPathTests
{
    [Fact]
    public void MeridiansServingPath_IsNotExploitable_AndAnswersOnlyTheClientQueries()
    {
        var harness = new ServingHarness();
        var results = AmplificationProbes.All.Select(probe =>
        {
            byte[]? reply = harness.Serve(probe.Request.ToArray());
            return new ProbeResult(probe, reply is null ? 0 : 1, reply?.Length ?? 0);
        }).ToList();

        AmplificationReport report = AmplificationAudit.Evaluate(results, ServingCounters.IPv4UdpOverhead);

        Assert.False(report.Exploitable);
        Assert.False(report.InformationLeak);
        Assert.All(report.Findings.Where(f => f.Kind != ProbeKind.ClientQuery), f => Assert.Equal(0, f.BytesBack));
        Assert.All(report.Findings.Where(f => f.Kind == ProbeKind.ClientQuery), f => Assert.Equal((1L, 48L), (f.PacketsBack, f.BytesBack)));
    }
}
