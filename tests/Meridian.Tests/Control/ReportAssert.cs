using Meridian.Control;
using Meridian.Core.Sync;

namespace Meridian.Tests.Control;

/// <summary>Structural equality of reports: the records hold lists and dictionaries, which compare by reference.</summary>
internal static class ReportAssert
{
    public static void Equal(StatusReport expected, StatusReport actual)
    {
        IReadOnlyList<SourceSnapshot> none = [];
        Assert.Equal(expected.Sync with { Sources = none }, actual.Sync with { Sources = none });
        Assert.Equal(expected.Sync.Sources, actual.Sync.Sources);
        Assert.Equal(expected.Counters.Received, actual.Counters.Received);
        Assert.Equal(expected.Counters.Served, actual.Counters.Served);
        Assert.Equal(expected.Counters.Drops.OrderBy(d => d.Key), actual.Counters.Drops.OrderBy(d => d.Key));
        Assert.Equal(expected.UptimeSeconds, actual.UptimeSeconds);
        Assert.Equal(expected.ControlSocket, actual.ControlSocket);
    }
}
