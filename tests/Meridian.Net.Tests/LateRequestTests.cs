using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// The request age bound drops requests only while the loop is behind: a request read late because
/// the serving thread was not scheduled, with nothing queued behind it, is answered.
/// </summary>
public class LateRequestTests
{
    [Fact]
    public void AnswersSingleRequests_OlderThanTheBound_WhenNothingIsQueued()
    {
        // A bound of 1 ns: every request is older than that when the loop reads it.
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = ServingEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state, () => ServingPolicy.Open(), maxRequestAge: new RequestAge(1e-9));
        using var client = new LoopbackClient(AddressFamily.InterNetwork);

        for (int i = 0; i < 20; i++)
        {
            Assert.NotNull(client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(RealtimeClock.Now())));
        }

        Assert.Equal(0, engine.Counters().Drops[DropReason.Stale]);
    }
}
