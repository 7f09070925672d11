using System.Net;
using Meridian.Core.Serving;
using Meridian.Net;
using Meridian.Core.Time;

namespace Meridian.IntegrationTests;

/// <summary>An upstream of the test's own that answers as stratum 1 through the real responder, with its clock a fixed offset off.</summary>
internal sealed class FakeUpstream : IDisposable
{
    private readonly ServingEngine _engine;

    public FakeUpstream(double clockError)
    {
        var clock = new ServedClock();
        LocalTime now = RealtimeClock.ReadLocal();
        clock.Publish(new ClockCorrection(now.Monotonic, clockError, 0, 0, now.Monotonic, 0));
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, clock.Now()));
        _engine = ServingEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state, clock);
    }

    public int Port => _engine.LocalEndPoints[0].Port;

    public void Dispose() => _engine.Dispose();
}
