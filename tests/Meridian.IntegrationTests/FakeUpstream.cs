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
        LocalTime now = RealtimeClock.ReadLocal();
        var correction = new ClockCorrection(now.Monotonic, clockError, 0, 0, now.Monotonic, 0);
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, correction.Serve(now)), correction);
        _engine = ServingEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state, () => ServingPolicy.Open(), maxRequestAge: new RequestAge(60)); // a busy test machine must not make its answers stale
    }

    public int Port => _engine.LocalEndPoints[0].Port;

    public void Dispose() => _engine.Dispose();
}
