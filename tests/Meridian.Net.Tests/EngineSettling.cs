namespace Meridian.Net.Tests;

/// <summary>
/// A reply is counted as served after its send returns, so a client can hold the reply before the
/// counter moves: tests that read counters after an exchange wait (bounded) for the loop to settle.
/// </summary>
public static class EngineSettling
{
    /// <summary>Waits, at most 30 s, until every datagram received is answered (sent) or dropped.</summary>
    public static void WaitUntilAllHandled(this ServingEngine engine)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Counters() is var c && c.Served + c.DroppedTotal < c.Received && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }
}
